package dev.agentserver.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every path that logs, at DEBUG, and greps what was logged and thrown for any secret. */
@Timeout(30)
class SecretsInLogsTest {
    private static final String API_KEY = "sk-static-secret-4711";
    private static final String TOKEN_IN_BROKEN_FILE = "at-in-a-broken-file-0815";

    @TempDir
    Path dataDir;

    @Test
    void noTokenValueEverReachesTheLogsOrAnExceptionMessage() throws Exception {
        List<String> thrown = new ArrayList<>();
        try (CapturedLogs logs = new CapturedLogs(); AuthFixture auth = new AuthFixture(dataDir)) {
            auth.server.acceptApiKey(API_KEY);
            CredentialedCaller caller = auth.caller(API_KEY);

            auth.server.scriptDeviceToken(new FakeOAuthServer.Reply(400, "{\"error\":\"authorization_pending\"}"),
                    new FakeOAuthServer.Reply(400, "{\"error\":\"slow_down\"}"));
            auth.manager.login(AuthFixture.OAUTH_KEY, code -> { });
            caller.call(auth.apiCall());

            auth.server.revokeAccessToken();
            auth.server.scriptRefresh(new FakeOAuthServer.Reply(503, "{}"));
            caller.call(auth.apiCall());

            try (BackgroundRefresher background = auth.backgroundRefresher(new GatedSleeper())) {
                background.watch(AuthFixture.KEY);
                auth.time.advance(Duration.ofMinutes(10));
                background.checkOnce();
                auth.server.scriptRefresh(new FakeOAuthServer.Reply(502, "{}"), new FakeOAuthServer.Reply(502, "{}"),
                        new FakeOAuthServer.Reply(502, "{}"), new FakeOAuthServer.Reply(502, "{}"));
                auth.time.advance(Duration.ofMinutes(58));
                background.checkOnce();
            }

            auth.server.revokeAccessToken();
            auth.server.scriptRefresh(new FakeOAuthServer.Reply(400,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"" + auth.server.validRefreshToken() + "\"}"));
            caller.call(auth.apiCall());
            try {
                auth.caller(null).call(auth.apiCall());
            } catch (AuthRequiredException expected) {
                thrown.add(expected.toString());
            }

            auth.writeRaw("{\"access_token\": \"" + TOKEN_IN_BROKEN_FILE + "\", ");
            thrown.add(auth.manager.status(AuthFixture.OAUTH_KEY).toString());
            caller.call(auth.apiCall());
            auth.manager.logout(AuthFixture.OAUTH_KEY);

            List<String> secrets = new ArrayList<>(auth.server.issuedTokens());
            secrets.add(API_KEY);
            secrets.add(TOKEN_IN_BROKEN_FILE);
            String logged = logs.text();
            assertThat(logs.size()).as("the scenario logs").isGreaterThan(10);
            assertThat(logged).contains("refreshed the OAuth tokens", "rejected the refresh token", "retrying in",
                    "the clock jumped", "background refresh failed", "logged in", "logged out");
            assertThat(secrets).hasSizeGreaterThan(6).allSatisfy(secret -> {
                assertThat(logged).doesNotContain(secret);
                assertThat(String.join("\n", thrown)).doesNotContain(secret);
            });
        }
    }
}
