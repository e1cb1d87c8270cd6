package dev.agentserver.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback OAuth server that rotates refresh tokens the strict way: a refresh with the current refresh token
 * issues a new pair, and reuse of any other one answers 400 invalid_grant. It counts every request, can be
 * scripted to answer the next requests differently, and also plays a credentialed API at {@code /api/check}
 * that accepts only the current access token (and, if set, one static api key).
 */
final class FakeOAuthServer implements AutoCloseable {
    record Reply(int status, String json) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Object state = new Object();
    private String validAccessToken; // guarded by state
    private String validRefreshToken; // guarded by state
    private String acceptedApiKey; // guarded by state
    private long expiresInSeconds = 3600; // guarded by state
    private final Deque<Reply> refreshScript = new ArrayDeque<>(); // guarded by state
    private final Deque<Reply> deviceTokenScript = new ArrayDeque<>(); // guarded by state
    private final Deque<Reply> deviceAuthorizationScript = new ArrayDeque<>(); // guarded by state
    private volatile CountDownLatch refreshGate;
    private final AtomicInteger refreshRequests = new AtomicInteger();
    private final AtomicInteger deviceAuthorizations = new AtomicInteger();
    private final AtomicInteger deviceTokenRequests = new AtomicInteger();
    private final AtomicInteger apiCalls = new AtomicInteger();
    private final List<Map<String, String>> tokenForms = new CopyOnWriteArrayList<>();
    private final List<String> issuedTokens = new CopyOnWriteArrayList<>();

    private FakeOAuthServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/oauth/token", exchange -> respond(exchange, token(form(exchange))));
        server.createContext("/api/oauth/device_authorization", exchange -> {
            form(exchange);
            respond(exchange, deviceAuthorization());
        });
        server.createContext("/api/check", exchange -> respond(exchange, check(exchange)));
        server.setExecutor(executor);
        server.start();
    }

    static FakeOAuthServer start() throws IOException {
        return new FakeOAuthServer();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Issues a fresh pair as the current one, as a login would, and returns it as {access, refresh}. */
    String[] issuePair() {
        synchronized (state) {
            rotate();
            return new String[] {validAccessToken, validRefreshToken};
        }
    }

    /** Makes the API refuse the current access token, as if it had been revoked early; the refresh token stays valid. */
    void revokeAccessToken() {
        synchronized (state) {
            validAccessToken = null;
        }
    }

    void acceptApiKey(String apiKey) {
        synchronized (state) {
            acceptedApiKey = apiKey;
        }
    }

    void expiresIn(long seconds) {
        synchronized (state) {
            expiresInSeconds = seconds;
        }
    }

    String validAccessToken() {
        synchronized (state) {
            return validAccessToken;
        }
    }

    String validRefreshToken() {
        synchronized (state) {
            return validRefreshToken;
        }
    }

    /** The next refresh requests get these answers, in order, instead of a rotation. */
    void scriptRefresh(Reply... replies) {
        synchronized (state) {
            refreshScript.addAll(List.of(replies));
        }
    }

    void scriptDeviceToken(Reply... replies) {
        synchronized (state) {
            deviceTokenScript.addAll(List.of(replies));
        }
    }

    void scriptDeviceAuthorization(Reply... replies) {
        synchronized (state) {
            deviceAuthorizationScript.addAll(List.of(replies));
        }
    }

    /** Refresh requests wait, after being counted, until {@link #releaseRefreshes()}. */
    void holdRefreshes() {
        refreshGate = new CountDownLatch(1);
    }

    void releaseRefreshes() {
        refreshGate.countDown();
    }

    int refreshRequests() {
        return refreshRequests.get();
    }

    int deviceAuthorizations() {
        return deviceAuthorizations.get();
    }

    int deviceTokenRequests() {
        return deviceTokenRequests.get();
    }

    int apiCalls() {
        return apiCalls.get();
    }

    List<Map<String, String>> tokenForms() {
        return List.copyOf(tokenForms);
    }

    /** Every token value this server handed out, for tests that make sure none of them leaks. */
    List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    private Reply token(Map<String, String> form) throws IOException {
        tokenForms.add(form);
        String grantType = form.getOrDefault("grant_type", "");
        if (grantType.equals("refresh_token")) {
            refreshRequests.incrementAndGet();
            awaitGate();
            synchronized (state) {
                if (!refreshScript.isEmpty()) {
                    return refreshScript.poll();
                }
                if (validRefreshToken == null || !validRefreshToken.equals(form.get("refresh_token"))) {
                    return new Reply(400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token reused or unknown\"}");
                }
                rotate();
                return pairReply();
            }
        }
        if (grantType.equals("urn:ietf:params:oauth:grant-type:device_code")) {
            deviceTokenRequests.incrementAndGet();
            synchronized (state) {
                if (!deviceTokenScript.isEmpty()) {
                    return deviceTokenScript.poll();
                }
                rotate();
                return pairReply();
            }
        }
        return new Reply(400, "{\"error\":\"unsupported_grant_type\"}");
    }

    private Reply deviceAuthorization() {
        int n = deviceAuthorizations.incrementAndGet();
        synchronized (state) {
            if (!deviceAuthorizationScript.isEmpty()) {
                return deviceAuthorizationScript.poll();
            }
        }
        String deviceCode = "device-code-" + n + "-" + UUID.randomUUID();
        issuedTokens.add(deviceCode);
        return new Reply(200, """
                {"device_code":"%s","user_code":"USER-%d","verification_uri":"%s/device",
                 "verification_uri_complete":"%s/device?user_code=USER-%d","expires_in":600,"interval":5}"""
                .formatted(deviceCode, n, baseUri(), baseUri(), n));
    }

    private Reply check(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        boolean accepted = authorization != null && authorization.startsWith("Bearer ")
                && accepts(authorization.substring("Bearer ".length()));
        return accepted ? new Reply(200, "{\"ok\":true}") : new Reply(401, "{\"error\":\"unauthorized\"}");
    }

    /** The credentialed API's verdict on a bearer, counted like a call to {@code /api/check}. */
    boolean accepts(String bearer) {
        apiCalls.incrementAndGet();
        synchronized (state) {
            return bearer != null && (bearer.equals(validAccessToken) || bearer.equals(acceptedApiKey));
        }
    }

    // Caller holds state.
    private void rotate() {
        String id = UUID.randomUUID().toString();
        validAccessToken = "at-" + id;
        validRefreshToken = "rt-" + id;
        issuedTokens.add(validAccessToken);
        issuedTokens.add(validRefreshToken);
    }

    // Caller holds state.
    private Reply pairReply() {
        return new Reply(200, """
                {"access_token":"%s","refresh_token":"%s","expires_in":%d,"scope":"kimi-code","token_type":"Bearer"}"""
                .formatted(validAccessToken, validRefreshToken, expiresInSeconds));
    }

    private void awaitGate() throws IOException {
        CountDownLatch gate = refreshGate;
        if (gate == null) {
            return;
        }
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IOException("the test never released the held refresh");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException(interrupted);
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static void respond(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
