package dev.agentserver.server.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;

/**
 * The OAuth server: {@code POST /api/oauth/device_authorization}, {@code POST /api/oauth/token} (device-code
 * and refresh-token grants) and {@code GET /device}, the verification page, which approves the user code
 * it is opened with so that a person running {@code agent-server login} can finish by opening the link.
 */
final class OAuthEndpoints implements HttpHandler {

    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final String baseUrl;
    private final DeviceFlow deviceFlow;
    private final TokenAuthority tokens;
    private final FaultQueue tokenFaults;
    private final int pollIntervalSeconds;
    private final int rejectionStatus;

    OAuthEndpoints(String baseUrl, DeviceFlow deviceFlow, TokenAuthority tokens, FaultQueue tokenFaults,
            int pollIntervalSeconds, int rejectionStatus) {
        this.baseUrl = baseUrl;
        this.deviceFlow = deviceFlow;
        this.tokens = tokens;
        this.tokenFaults = tokenFaults;
        this.pollIntervalSeconds = pollIntervalSeconds;
        this.rejectionStatus = rejectionStatus;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/device") && method.equals("GET")) {
            verificationPage(exchange);
        } else if (path.equals("/api/oauth/device_authorization") && method.equals("POST")) {
            deviceAuthorization(exchange);
        } else if (path.equals("/api/oauth/token") && method.equals("POST")) {
            token(exchange);
        } else {
            HttpIo.sendOAuthError(exchange, 404, "not_found", method + " " + path + " is not simulated");
        }
    }

    private void deviceAuthorization(HttpExchange exchange) throws IOException {
        Map<String, String> form = HttpIo.readForm(exchange);
        if (form.getOrDefault("client_id", "").isEmpty()) {
            HttpIo.sendOAuthError(exchange, 400, "invalid_request", "client_id is required");
            return;
        }
        DeviceFlow.Started started = deviceFlow.start();
        String verification = baseUrl + "/device";
        ObjectNode body = HttpIo.JSON.createObjectNode()
                .put("device_code", started.deviceCode())
                .put("user_code", started.userCode())
                .put("verification_uri", verification)
                .put("verification_uri_complete", verification + "?user_code=" + started.userCode())
                .put("expires_in", started.expiresIn())
                .put("interval", pollIntervalSeconds);
        HttpIo.sendJson(exchange, 200, body);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = HttpIo.readForm(exchange);
        Integer fault = tokenFaults.take();
        if (fault != null) {
            HttpIo.sendOAuthError(exchange, fault, "temporarily_unavailable", "simulated fault " + fault);
            return;
        }
        if (form.getOrDefault("client_id", "").isEmpty()) {
            HttpIo.sendOAuthError(exchange, 400, "invalid_request", "client_id is required");
            return;
        }
        String grantType = form.getOrDefault("grant_type", "");
        if (grantType.equals(DEVICE_GRANT)) {
            deviceCodeGrant(exchange, form.getOrDefault("device_code", ""));
        } else if (grantType.equals("refresh_token")) {
            refreshGrant(exchange, form.getOrDefault("refresh_token", ""));
        } else {
            HttpIo.sendOAuthError(exchange, 400, "unsupported_grant_type", "grant_type '" + grantType + "' is not supported");
        }
    }

    private void deviceCodeGrant(HttpExchange exchange, String deviceCode) throws IOException {
        switch (deviceFlow.poll(deviceCode)) {
            case DeviceFlow.PollAnswer.Tokens tokensAnswer -> sendGrant(exchange, tokensAnswer.grant());
            case DeviceFlow.PollAnswer.Refused refused ->
                    HttpIo.sendOAuthError(exchange, 400, refused.error(), refused.description());
        }
    }

    private void refreshGrant(HttpExchange exchange, String refreshToken) throws IOException {
        if (refreshToken.isEmpty()) {
            HttpIo.sendOAuthError(exchange, 400, "invalid_request", "refresh_token is required");
            return;
        }
        TokenAuthority.RefreshOutcome outcome = tokens.refresh(refreshToken);
        if (outcome.granted()) {
            sendGrant(exchange, outcome.grant());
        } else {
            HttpIo.sendOAuthError(exchange, rejectionStatus, "invalid_grant", outcome.rejection());
        }
    }

    private void verificationPage(HttpExchange exchange) throws IOException {
        String userCode = HttpIo.readForm(exchange).get("user_code");
        if (userCode == null || userCode.isEmpty()) {
            HttpIo.sendText(exchange, 200, "Simulated Kimi sign-in: open this page with ?user_code=XXXX-XXXX to approve.\n");
            return;
        }
        boolean approved = deviceFlow.approve(userCode) > 0;
        HttpIo.sendText(exchange, approved ? 200 : 404, approved
                ? "Device " + userCode + " approved. You can return to the terminal.\n"
                : "No pending sign-in with user code " + userCode + ".\n");
    }

    static void sendGrant(HttpExchange exchange, TokenGrant grant) throws IOException {
        HttpIo.sendJson(exchange, 200, grantJson(grant));
    }

    static ObjectNode grantJson(TokenGrant grant) {
        return HttpIo.JSON.createObjectNode()
                .put("access_token", grant.accessToken())
                .put("refresh_token", grant.refreshToken())
                .put("expires_in", grant.expiresIn())
                .put("scope", TokenGrant.SCOPE)
                .put("token_type", TokenGrant.TOKEN_TYPE);
    }
}
