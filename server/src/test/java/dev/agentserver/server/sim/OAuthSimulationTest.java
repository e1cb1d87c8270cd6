package dev.agentserver.server.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OAuthSimulationTest {

    private Simulator simulator;
    private SimHttp http;

    private void start(SimulatorOptions options) throws Exception {
        simulator = Simulator.start(options);
        http = new SimHttp(simulator);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private static String error(SimHttp.Answer answer) throws Exception {
        return answer.json().path("error").asText();
    }

    @Test
    void theDeviceFlowAnswersPendingThenTokensThenRefusesTheSpentCode() throws Exception {
        start(SimulatorOptions.defaults().withAutoApproveAfterPolls(1).withPollIntervalSeconds(2));

        JsonNode device = http.startDevice();
        assertEquals(2, device.path("interval").asInt());
        assertEquals(600, device.path("expires_in").asInt());
        String userCode = device.path("user_code").asText();
        assertEquals(simulator.oauthBaseUrl() + "/device", device.path("verification_uri").asText());
        assertEquals(simulator.oauthBaseUrl() + "/device?user_code=" + userCode,
                device.path("verification_uri_complete").asText());
        String deviceCode = device.path("device_code").asText();

        SimHttp.Answer pending = http.pollDevice(deviceCode);
        assertEquals(400, pending.status());
        assertEquals("authorization_pending", error(pending));

        SimHttp.Answer tokens = http.pollDevice(deviceCode);
        assertEquals(200, tokens.status());
        JsonNode grant = tokens.json();
        assertTrue(grant.path("access_token").asText().startsWith("sim-at-"));
        assertTrue(grant.path("refresh_token").asText().startsWith("sim-rt-"));
        assertEquals(900, grant.path("expires_in").asInt());
        assertEquals("kimi-code", grant.path("scope").asText());
        assertEquals("Bearer", grant.path("token_type").asText());

        assertEquals("invalid_grant", error(http.pollDevice(deviceCode)));
        SimulatorStats.Device stats = simulator.stats().device();
        assertEquals(new SimulatorStats.Device(1, 3, 1, 0, 0), stats);
    }

    @Test
    void withoutAutoApprovalTheAdminEndpointOrTheVerificationPageApproves() throws Exception {
        start(SimulatorOptions.defaults().withAutoApproveAfterPolls(-1));
        JsonNode first = http.startDevice();
        JsonNode second = http.startDevice();

        assertEquals("authorization_pending", error(http.pollDevice(first.path("device_code").asText())));
        SimHttp.Answer approved = http.postJson("/_sim/device/approve",
                "{\"user_code\":\"" + first.path("user_code").asText() + "\"}");
        assertEquals(1, approved.json().path("approved").asInt());
        assertEquals(200, http.pollDevice(first.path("device_code").asText()).status());

        assertEquals("authorization_pending", error(http.pollDevice(second.path("device_code").asText())));
        SimHttp.Answer page = http.get("/device?user_code=" + second.path("user_code").asText());
        assertEquals(200, page.status());
        assertTrue(page.body().contains("approved"), page.body());
        assertEquals(200, http.pollDevice(second.path("device_code").asText()).status());
    }

    @Test
    void slowDownExpiryAndDenialAnswerWithTheirRfcCodes() throws Exception {
        start(SimulatorOptions.defaults().withAutoApproveAfterPolls(-1));
        String slow = http.startDevice().path("device_code").asText();

        http.postJson("/_sim/device/slow-down", "{\"count\":2}");
        assertEquals("slow_down", error(http.pollDevice(slow)));
        assertEquals("slow_down", error(http.pollDevice(slow)));
        assertEquals("authorization_pending", error(http.pollDevice(slow)));

        assertEquals(1, http.postJson("/_sim/device/expire", "").json().path("expired").asInt());
        assertEquals("expired_token", error(http.pollDevice(slow)));

        JsonNode denied = http.startDevice();
        simulator.denyDevice(denied.path("user_code").asText());
        assertEquals("access_denied", error(http.pollDevice(denied.path("device_code").asText())));

        SimulatorStats.Device stats = simulator.stats().device();
        assertEquals(2, stats.slowDownAnswers());
        assertEquals(1, stats.expiredAnswers());
    }

    @Test
    void aDeviceCodeExpiresWithTime() throws Exception {
        MutableClock clock = new MutableClock();
        start(SimulatorOptions.defaults().withAutoApproveAfterPolls(-1).withClock(clock));
        String deviceCode = http.startDevice().path("device_code").asText();

        clock.advanceSeconds(601);

        assertEquals("expired_token", error(http.pollDevice(deviceCode)));
    }

    @Test
    void everyRefreshRotatesAndAnOldRefreshTokenIsRejected() throws Exception {
        start(SimulatorOptions.defaults());
        TokenGrant first = simulator.issueTokens();

        SimHttp.Answer rotated = http.refresh(first.refreshToken());
        assertEquals(200, rotated.status());
        String second = rotated.json().path("refresh_token").asText();
        assertNotEquals(first.refreshToken(), second);
        assertNotEquals(first.accessToken(), rotated.json().path("access_token").asText());

        SimHttp.Answer reused = http.refresh(first.refreshToken());
        assertEquals(401, reused.status());
        assertEquals("invalid_grant", error(reused));

        assertEquals(200, http.refresh(second).status());

        SimulatorStats.Tokens stats = simulator.stats().tokens();
        assertEquals(3, stats.refreshRequests());
        assertEquals(2, stats.refreshSucceeded());
        assertEquals(1, stats.refreshRejected());
        assertEquals(1, stats.rotatedTokenReuses());
        assertEquals(Map.of(first.refreshToken(), 2, second, 1), stats.refreshRequestsByToken());
    }

    @Test
    void aRevokedRefreshTokenIsRejectedWithTheConfiguredStatus() throws Exception {
        start(SimulatorOptions.defaults().withRefreshRejectionStatus(400));
        TokenGrant grant = simulator.issueTokens();

        assertEquals(1, http.postJson("/_sim/revoke-refresh-tokens", "").json().path("revoked").asInt());
        SimHttp.Answer answer = http.refresh(grant.refreshToken());

        assertEquals(400, answer.status());
        assertEquals("invalid_grant", error(answer));
        assertTrue(answer.json().path("error_description").asText().contains("revoked"));
        assertEquals(0, simulator.stats().tokens().rotatedTokenReuses(), "revoked is not the same as rotated");
    }

    @Test
    void tokenEndpointFaultsComeFirstAndThenClear() throws Exception {
        start(SimulatorOptions.defaults());
        TokenGrant grant = simulator.issueTokens();
        http.postJson("/_sim/token-faults", "{\"status\":503,\"count\":2}");

        assertEquals(503, http.refresh(grant.refreshToken()).status());
        assertEquals(503, http.refresh(grant.refreshToken()).status());
        assertEquals(200, http.refresh(grant.refreshToken()).status(), "faults did not spend the token");
        assertEquals(2, simulator.stats().tokenEndpointFaults());
    }

    @Test
    void badTokenRequestsAreRefused() throws Exception {
        start(SimulatorOptions.defaults());

        assertEquals("invalid_request", error(http.postForm("/api/oauth/token", Map.of("grant_type", "refresh_token"))));
        assertEquals("unsupported_grant_type", error(http.postForm("/api/oauth/token",
                Map.of("client_id", "c", "grant_type", "password"))));
        assertEquals("invalid_request", error(http.refresh("")));
        assertEquals(401, http.refresh("never-issued").status());
        assertEquals(404, http.get("/api/oauth/elsewhere").status());
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
