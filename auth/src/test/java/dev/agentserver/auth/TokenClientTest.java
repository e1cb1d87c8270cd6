package dev.agentserver.auth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenClientTest {
    private static final FakeOAuthServer.Reply UNAVAILABLE = new FakeOAuthServer.Reply(503, "{}");

    private final FakeTime time = new FakeTime();
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeOAuthServer server;
    private TokenClient client;

    @BeforeEach
    void start() throws IOException {
        server = FakeOAuthServer.start();
        client = clientFor(server.baseUri());
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    private TokenClient clientFor(URI host) {
        return new TokenClient(http, host, "client-under-test", time, new Random(3));
    }

    @Test
    void refreshPostsTheFormAndReadsTheGrant() throws Exception {
        String[] pair = server.issuePair();

        TokenGrant grant = client.refresh(pair[1]);

        assertThat(server.tokenForms()).containsExactly(Map.of(
                "client_id", "client-under-test", "grant_type", "refresh_token", "refresh_token", pair[1]));
        assertThat(grant.accessToken()).isEqualTo(server.validAccessToken());
        assertThat(grant.refreshToken()).isEqualTo(server.validRefreshToken());
        assertThat(grant.expiresIn()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(grant.scope()).isEqualTo("kimi-code");
        assertThat(grant.tokenType()).isEqualTo("Bearer");
        assertThat(grant.toString()).doesNotContain(grant.accessToken()).doesNotContain(grant.refreshToken());
    }

    @Test
    void aTrailingSlashOnTheHostIsTolerated() throws Exception {
        String[] pair = server.issuePair();

        clientFor(URI.create(server.baseUri() + "/")).refresh(pair[1]);

        assertThat(server.refreshRequests()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"401:{}", "403:{\"error\":\"forbidden\"}", "400:{\"error\":\"invalid_grant\"}"})
    void rejectionsOfTheRefreshTokenAreNotRetried(String scripted) {
        server.scriptRefresh(reply(scripted));

        assertThatThrownBy(() -> client.refresh("rt-old")).isInstanceOf(RefreshRejectedException.class);

        assertThat(server.refreshRequests()).isEqualTo(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"400:{\"error\":\"invalid_request\"}", "404:{}", "501:{}", "200:{\"token_type\":\"Bearer\"}"})
    void otherAnswersAreErrorsButNotRejections(String scripted) {
        server.scriptRefresh(reply(scripted));

        assertThatThrownBy(() -> client.refresh("rt-old")).isInstanceOf(AuthUnavailableException.class);

        assertThat(server.refreshRequests()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void transientAnswersAreRetriedAfterABackoff(int status) throws Exception {
        String[] pair = server.issuePair();
        server.scriptRefresh(new FakeOAuthServer.Reply(status, "{}"));

        TokenGrant grant = client.refresh(pair[1]);

        assertThat(grant.accessToken()).isEqualTo(server.validAccessToken());
        assertThat(server.refreshRequests()).isEqualTo(2);
        assertThat(time.sleeps()).singleElement().satisfies(pause ->
                assertThat(pause).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1)));
    }

    @Test
    void anUnavailableServerIsTransientAfterExponentiallySpacedAttempts() {
        server.scriptRefresh(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE);

        assertThatThrownBy(() -> client.refresh("rt"))
                .isInstanceOf(AuthUnavailableException.class)
                .hasMessageContaining("failed 4 times")
                .hasMessageContaining("HTTP 503");

        assertThat(server.refreshRequests()).isEqualTo(TokenClient.MAX_ATTEMPTS);
        assertThat(time.sleeps()).hasSize(3);
        assertThat(time.sleeps().get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(time.sleeps().get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(time.sleeps().get(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void anUnreachableServerIsTransientAfterRetries() throws IOException {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        assertThatThrownBy(() -> clientFor(closedPort).refresh("rt"))
                .isInstanceOf(AuthUnavailableException.class)
                .hasMessageContaining("ConnectException");
        assertThat(time.sleeps()).hasSize(TokenClient.MAX_ATTEMPTS - 1);
    }

    @Test
    void aGrantWithoutANewRefreshTokenKeepsTheOldOneAndItsScope() {
        Credentials previous = new Credentials("at-old", "rt-kept", null, "kimi-code", "Bearer", null);
        TokenGrant grant = new TokenGrant("at-new", null, Duration.ofSeconds(900), null, null);

        Credentials next = grant.toCredentials(previous, FakeTime.START);

        assertThat(next).isEqualTo(new Credentials("at-new", "rt-kept", FakeTime.START.plusSeconds(900),
                "kimi-code", "Bearer", Duration.ofSeconds(900)));
    }

    @Test
    void startsADeviceAuthorization() throws Exception {
        DeviceAuthorization started = client.startDeviceAuthorization();

        assertThat(server.tokenForms()).isEmpty();
        assertThat(started.shownToUser().userCode()).isEqualTo("USER-1");
        assertThat(started.shownToUser().verificationUri()).isEqualTo(server.baseUri() + "/device");
        assertThat(started.shownToUser().verificationUriComplete()).contains(server.baseUri() + "/device?user_code=USER-1");
        assertThat(started.shownToUser().expiresIn()).contains(Duration.ofSeconds(600));
        assertThat(started.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(started.toString()).doesNotContain(started.deviceCode());
    }

    @Test
    void aDeviceAuthorizationWithoutIntervalOrCompleteUriGetsDefaults() throws Exception {
        server.scriptDeviceAuthorization(new FakeOAuthServer.Reply(200,
                "{\"device_code\":\"dc\",\"user_code\":\"UC\",\"verification_uri\":\"https://x/device\"}"));

        DeviceAuthorization started = client.startDeviceAuthorization();

        assertThat(started.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(started.shownToUser()).isEqualTo(new DeviceCode("https://x/device", Optional.empty(), "UC", Optional.empty()));
    }

    @Test
    void aRefusedDeviceAuthorizationFailsTheLogin() {
        server.scriptDeviceAuthorization(new FakeOAuthServer.Reply(401, "{\"error\":\"invalid_client\"}"));

        assertThatThrownBy(() -> client.startDeviceAuthorization())
                .isInstanceOf(LoginFailedException.class)
                .hasMessageContaining("HTTP 401 invalid_client");
    }

    @Test
    void devicePollsAreClassified() throws Exception {
        server.scriptDeviceToken(
                reply("400:{\"error\":\"authorization_pending\"}"),
                reply("400:{\"error\":\"slow_down\"}"),
                reply("400:{\"error\":\"expired_token\"}"),
                reply("400:{\"error\":\"access_denied\"}"),
                reply("400:{\"error\":\"invalid_client\"}"));

        assertThat(client.pollDeviceToken("dc")).isEqualTo(new DevicePoll.Pending());
        assertThat(client.pollDeviceToken("dc")).isEqualTo(new DevicePoll.SlowDown());
        assertThat(client.pollDeviceToken("dc")).isEqualTo(new DevicePoll.Expired());
        assertThatThrownBy(() -> client.pollDeviceToken("dc")).isInstanceOf(LoginFailedException.class).hasMessageContaining("denied");
        assertThatThrownBy(() -> client.pollDeviceToken("dc")).isInstanceOf(LoginFailedException.class).hasMessageContaining("invalid_client");
        assertThat(client.pollDeviceToken("dc")).isInstanceOf(DevicePoll.Granted.class);
        assertThat(server.tokenForms().getLast()).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:device_code")
                .containsEntry("device_code", "dc").containsEntry("client_id", "client-under-test");
    }

    @Test
    void fractionalAndLargeNumbersInAnswersDoNotBreakParsing() throws Exception {
        server.scriptRefresh(new FakeOAuthServer.Reply(200, "{\"access_token\":\"a\",\"expires_in\":1e400}"),
                new FakeOAuthServer.Reply(200, "{\"access_token\":\"a\",\"expires_in\":899.5}"));

        assertThat(client.refresh("rt").expiresIn()).isNull();
        assertThat(client.refresh("rt").expiresIn()).isEqualTo(Duration.ofMillis(899_500));
    }

    private static FakeOAuthServer.Reply reply(String statusAndJson) {
        int colon = statusAndJson.indexOf(':');
        return new FakeOAuthServer.Reply(Integer.parseInt(statusAndJson.substring(0, colon)), statusAndJson.substring(colon + 1));
    }
}
