package dev.agentserver.auth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Device-flow login, logout and status: what the CLI's login, logout and info commands call. */
@Timeout(30)
class LoginTest {
    private static final FakeOAuthServer.Reply PENDING = new FakeOAuthServer.Reply(400, "{\"error\":\"authorization_pending\"}");
    private static final FakeOAuthServer.Reply SLOW_DOWN = new FakeOAuthServer.Reply(400, "{\"error\":\"slow_down\"}");
    private static final FakeOAuthServer.Reply EXPIRED = new FakeOAuthServer.Reply(400, "{\"error\":\"expired_token\"}");

    @TempDir
    Path dataDir;
    private AuthFixture auth;
    private final List<DeviceCode> shown = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws IOException {
        auth = new AuthFixture(dataDir);
    }

    @AfterEach
    void close() {
        auth.close();
    }

    @Test
    void showsTheCodePollsAtTheServersIntervalAndWritesThePrivateFile() throws Exception {
        auth.server.scriptDeviceToken(PENDING, PENDING);

        LoginResult result = auth.manager.login(AuthFixture.OAUTH_KEY, shown::add);

        assertThat(shown).singleElement().satisfies(code -> {
            assertThat(code.userCode()).isEqualTo("USER-1");
            assertThat(code.verificationUri()).isEqualTo(auth.server.baseUri() + "/device");
            assertThat(code.verificationUriComplete()).contains(auth.server.baseUri() + "/device?user_code=USER-1");
        });
        assertThat(auth.server.deviceTokenRequests()).isEqualTo(3);
        assertThat(auth.time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(auth.onFile().accessToken()).isEqualTo(auth.server.validAccessToken());
        assertThat(auth.onFile().refreshToken()).isEqualTo(auth.server.validRefreshToken());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(auth.credentialFile()))).isEqualTo("rw-------");
        assertThat(result).isEqualTo(new LoginResult(AuthFixture.OAUTH_KEY,
                Optional.of(FakeTime.START.plus(Duration.ofSeconds(15 + 3600))), Optional.of("kimi-code")));
        assertThat(result.toString()).doesNotContain(auth.server.validAccessToken());
    }

    @Test
    void slowDownAddsFiveSecondsToTheInterval() throws Exception {
        auth.server.scriptDeviceToken(SLOW_DOWN, PENDING);

        auth.manager.login(AuthFixture.OAUTH_KEY, shown::add);

        assertThat(auth.time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void anExpiredDeviceCodeStartsTheLoginOverWithANewCode() throws Exception {
        auth.server.scriptDeviceToken(PENDING, EXPIRED);

        auth.manager.login(AuthFixture.OAUTH_KEY, shown::add);

        assertThat(shown).extracting(DeviceCode::userCode).containsExactly("USER-1", "USER-2");
        assertThat(auth.server.deviceAuthorizations()).isEqualTo(2);
        assertThat(auth.onFile().accessToken()).isEqualTo(auth.server.validAccessToken());
    }

    @Test
    void aDeviceCodeThatRunsOutWithoutAnAnswerAlsoStartsOver() throws Exception {
        // The code lives 600 s and is polled every 5 s: pending at 5 s .. 595 s, and at 600 s it is over.
        FakeOAuthServer.Reply[] pendingUntilExpiry = new FakeOAuthServer.Reply[119];
        java.util.Arrays.fill(pendingUntilExpiry, PENDING);
        auth.server.scriptDeviceToken(pendingUntilExpiry);

        auth.manager.login(AuthFixture.OAUTH_KEY, shown::add);

        assertThat(shown).as("an expired code is not polled again; a new one is shown").hasSize(2);
        assertThat(auth.server.deviceTokenRequests()).isEqualTo(119 + 1);
    }

    @Test
    void aDeniedLoginWritesNothing() {
        auth.server.scriptDeviceToken(new FakeOAuthServer.Reply(400, "{\"error\":\"access_denied\"}"));

        assertThatThrownBy(() -> auth.manager.login(AuthFixture.OAUTH_KEY, shown::add))
                .isInstanceOf(LoginFailedException.class);

        assertThat(auth.credentialFile()).doesNotExist();
    }

    @Test
    void loginReplacesAMalformedFileAndEndsATombstone() throws Exception {
        auth.loggedIn(Duration.ofHours(1));
        auth.server.revokeAccessToken();
        auth.server.scriptRefresh(new FakeOAuthServer.Reply(401, "{}"));
        assertThatThrownBy(() -> auth.caller(null).call(auth.apiCall())).isInstanceOf(AuthRequiredException.class);
        auth.writeRaw("{garbage");

        auth.manager.login(AuthFixture.OAUTH_KEY, shown::add);

        assertThat(auth.manager.status(AuthFixture.OAUTH_KEY).tombstoned()).isFalse();
        assertThat(auth.caller(null).call(auth.apiCall())).isEqualTo(auth.server.validAccessToken());
    }

    @Test
    void logoutDeletesTheCredentialFileButNotTheLockFile() throws Exception {
        auth.loggedIn(Duration.ofHours(1));

        auth.manager.logout(AuthFixture.OAUTH_KEY);

        assertThat(auth.credentialFile()).doesNotExist();
        assertThat(auth.lockFile()).exists();
        assertThat(auth.manager.status(AuthFixture.OAUTH_KEY).state()).isEqualTo(CredentialStatus.State.ABSENT);
        auth.manager.logout(AuthFixture.OAUTH_KEY);
    }

    @Test
    void logoutWaitsForTheLockAndRefusesToDeleteWithoutIt() throws Exception {
        auth.loggedIn(Duration.ofHours(1));
        try (RefreshLock.Held _ = auth.lockAsAnotherProcess()) {
            assertThatThrownBy(() -> auth.manager.logout(AuthFixture.OAUTH_KEY))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not log out");
        }
        assertThat(auth.credentialFile()).exists();
    }

    @Test
    void statusDescribesTheFileWithoutSecrets() {
        assertThat(auth.manager.status(AuthFixture.OAUTH_KEY)).isEqualTo(new CredentialStatus(AuthFixture.OAUTH_KEY,
                auth.credentialFile(), CredentialStatus.State.ABSENT, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false));

        String[] pair = auth.loggedIn(Duration.ofHours(1));
        CredentialStatus present = auth.manager.status(AuthFixture.OAUTH_KEY);
        assertThat(present.state()).isEqualTo(CredentialStatus.State.PRESENT);
        assertThat(present.expiresAt()).contains(FakeTime.START.plus(Duration.ofHours(1)).plusMillis(500));
        assertThat(present.scope()).contains("kimi-code");
        assertThat(present.tokenType()).contains("Bearer");
        assertThat(present.tombstoned()).isFalse();
        assertThat(present.toString()).doesNotContain(pair[0]).doesNotContain(pair[1]);

        auth.writeRaw("{\"access_token\": \"" + pair[0] + "\"");
        CredentialStatus malformed = auth.manager.status(AuthFixture.OAUTH_KEY);
        assertThat(malformed.state()).isEqualTo(CredentialStatus.State.MALFORMED);
        assertThat(malformed.problem()).contains("not valid JSON");
        assertThat(malformed.toString()).doesNotContain(pair[0]);
    }

    @Test
    void productionDefaultsComeFromTheEnvironment() {
        assertThat(OAuthManager.dataDirFrom(java.util.Map.of("KIMI_SHARE_DIR", "/srv/kimi"))).isEqualTo(Path.of("/srv/kimi"));
        assertThat(OAuthManager.dataDirFrom(java.util.Map.of())).isEqualTo(Path.of(System.getProperty("user.home"), ".kimi"));
        assertThat(OAuthManager.oauthHostFrom(java.util.Map.of())).isEqualTo(OAuthManager.DEFAULT_OAUTH_HOST);
        assertThat(OAuthManager.oauthHostFrom(java.util.Map.of("KIMI_OAUTH_HOST", "http://alias")))
                .hasToString("http://alias");
        assertThat(OAuthManager.oauthHostFrom(java.util.Map.of("KIMI_OAUTH_HOST", "http://alias",
                "KIMI_CODE_OAUTH_HOST", "http://main"))).hasToString("http://main");
        try (OAuthManager production = OAuthManager.fromEnvironment(java.util.Map.of("KIMI_SHARE_DIR", dataDir.toString()))) {
            assertThat(production.dataDir()).isEqualTo(dataDir);
            assertThat(production.status(OAuthManager.KIMI_CODE_OAUTH_KEY).state()).isEqualTo(CredentialStatus.State.ABSENT);
        }
    }
}
