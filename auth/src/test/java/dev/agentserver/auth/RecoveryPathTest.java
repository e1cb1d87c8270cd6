package dev.agentserver.auth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The one recovery path, as ARCHITECTURE.md draws it, through {@link OAuthManager#caller}. */
@Timeout(30)
class RecoveryPathTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final FakeOAuthServer.Reply UNAVAILABLE = new FakeOAuthServer.Reply(503, "{}");
    private static final FakeOAuthServer.Reply INVALID_GRANT = new FakeOAuthServer.Reply(400, "{\"error\":\"invalid_grant\"}");

    @TempDir
    Path dataDir;
    private AuthFixture auth;
    private final List<String> bearersSent = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws IOException {
        auth = new AuthFixture(dataDir);
    }

    @AfterEach
    void close() {
        auth.close();
    }

    /** The API call, remembering each bearer it was given. */
    private AuthorizedCall<String, RuntimeException> api() {
        return bearer -> {
            bearersSent.add(bearer);
            return auth.apiCall().call(bearer);
        };
    }

    private <T> T call(CredentialedCaller caller, AuthorizedCall<T, RuntimeException> call) throws Exception {
        return caller.call(call);
    }

    @Test
    void aFreshTokenIsSentAsItIs() throws Exception {
        String[] pair = auth.loggedIn(HOUR);

        assertThat(call(auth.caller(null), api())).isEqualTo(pair[0]);
        assertThat(auth.server.refreshRequests()).isZero();
    }

    @Test
    void aFirstRejectionAdoptsTheTokenAnotherInstanceRotatedIn() throws Exception {
        String[] pair = auth.loggedIn(HOUR);
        AtomicBoolean otherInstanceRotates = new AtomicBoolean(true);
        String[][] rotated = new String[1][];

        String accepted = call(auth.caller(null), bearer -> {
            if (otherInstanceRotates.getAndSet(false)) {
                rotated[0] = auth.loggedIn(HOUR);
            }
            return api().call(bearer);
        });

        assertThat(accepted).isEqualTo(rotated[0][0]);
        assertThat(bearersSent).containsExactly(pair[0], rotated[0][0]);
        assertThat(auth.server.refreshRequests()).isZero();
    }

    @Test
    void aFirstRejectionRefreshesWhenTheFileStillHoldsTheRejectedToken() throws Exception {
        String[] pair = auth.loggedIn(HOUR);
        auth.server.revokeAccessToken();

        String accepted = call(auth.caller(null), api());

        assertThat(accepted).isEqualTo(auth.server.validAccessToken());
        assertThat(bearersSent).containsExactly(pair[0], accepted);
        assertThat(auth.server.refreshRequests()).isEqualTo(1);
        assertThat(auth.server.tokenForms().getFirst()).containsEntry("refresh_token", pair[1]);
        assertThat(auth.onFile().accessToken()).isEqualTo(accepted);
        assertThat(auth.onFile().refreshToken()).isEqualTo(auth.server.validRefreshToken());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403})
    void aRejectedRefreshNeverDeletesTheFileTombstonesTheTokenAndAsksForLogin(int status) throws Exception {
        auth.loggedIn(HOUR);
        auth.server.revokeAccessToken();
        auth.server.scriptRefresh(new FakeOAuthServer.Reply(status, "{\"error\":\"invalid_grant\"}"));
        byte[] before = auth.fileBytes();

        assertThatThrownBy(() -> call(auth.caller(null), api())).isInstanceOf(AuthRequiredException.class);

        assertThat(auth.fileBytes()).isEqualTo(before);
        assertThat(time().sleeps()).contains(Refresher.REJECTION_GRACE);
        assertThat(auth.manager.status(AuthFixture.OAUTH_KEY).tombstoned()).isTrue();
        assertThat(auth.caller(null).hasUsableCredentials()).isFalse();

        assertThatThrownBy(() -> call(auth.caller(null), api())).isInstanceOf(AuthRequiredException.class);
        assertThat(auth.server.refreshRequests()).as("the rejected token is not sent again").isEqualTo(1);
        assertThat(auth.fileBytes()).isEqualTo(before);
    }

    @Test
    void aStaticApiKeyTakesOverOnTheLiveCallerWhileTheRefreshTokenIsTombstoned() throws Exception {
        auth.server.acceptApiKey("sk-static");
        String[] pair = auth.loggedIn(HOUR);
        auth.server.revokeAccessToken();
        auth.server.scriptRefresh(INVALID_GRANT);
        CredentialedCaller caller = auth.caller("sk-static");

        assertThat(call(caller, api())).isEqualTo("sk-static");
        assertThat(call(caller, api())).isEqualTo("sk-static");

        assertThat(bearersSent).containsExactly(pair[0], "sk-static", "sk-static");
        assertThat(auth.server.refreshRequests()).isEqualTo(1);
        assertThat(caller.hasUsableCredentials()).isTrue();
    }

    @Test
    void theTombstoneClearsAsSoonAsAnotherInstanceRotated() throws Exception {
        auth.loggedIn(HOUR);
        auth.server.revokeAccessToken();
        auth.server.scriptRefresh(INVALID_GRANT);
        assertThatThrownBy(() -> call(auth.caller(null), api())).isInstanceOf(AuthRequiredException.class);

        String[] rotatedElsewhere = auth.loggedIn(HOUR);

        assertThat(call(auth.caller(null), api())).isEqualTo(rotatedElsewhere[0]);
        assertThat(auth.manager.status(AuthFixture.OAUTH_KEY).tombstoned()).isFalse();
        assertThat(auth.server.refreshRequests()).isEqualTo(1);
    }

    @Test
    void afterTheCooldownTheRefreshTokenIsTriedOnceMore() throws Exception {
        auth.loggedIn(HOUR);
        auth.server.revokeAccessToken();
        auth.server.scriptRefresh(new FakeOAuthServer.Reply(401, "{}"));
        assertThatThrownBy(() -> call(auth.caller(null), api())).isInstanceOf(AuthRequiredException.class);

        auth.time.advance(Tombstone.COOLDOWN);

        assertThat(call(auth.caller(null), api())).isEqualTo(auth.server.validAccessToken());
        assertThat(auth.server.refreshRequests()).isEqualTo(2);
    }

    @Test
    void aRotationThatLandsDuringTheGraceWaitIsAdoptedInsteadOfTombstoned() throws Exception {
        auth.loggedIn(HOUR);
        auth.server.revokeAccessToken();
        auth.server.scriptRefresh(INVALID_GRANT);
        String[][] rotated = new String[1][];
        time().duringSleep(pause -> {
            if (pause.equals(Refresher.REJECTION_GRACE)) {
                rotated[0] = auth.loggedIn(HOUR);
            }
        });

        assertThat(call(auth.caller(null), api())).isEqualTo(rotated[0][0]);
        assertThat(auth.manager.status(AuthFixture.OAUTH_KEY).tombstoned()).isFalse();
    }

    @Test
    void theLockIsFreeDuringTheGraceWaitAndWhatIsWrittenUnderItMeanwhileIsAdopted() throws Exception {
        auth.loggedIn(HOUR);
        auth.server.revokeAccessToken();
        auth.server.scriptRefresh(INVALID_GRANT);
        String[][] loggedInElsewhere = new String[1][];
        time().duringSleep(pause -> {
            if (pause.equals(Refresher.REJECTION_GRACE)) {
                // A login in another process saves under the lock; it must not have to wait out our grace.
                try (RefreshLock.Held _ = auth.lockAsAnotherProcess()) {
                    loggedInElsewhere[0] = auth.loggedIn(HOUR);
                } catch (Exception busy) {
                    throw new AssertionError("the refresh lock was held through the grace wait", busy);
                }
            }
        });

        assertThat(call(auth.caller(null), api())).isEqualTo(loggedInElsewhere[0][0]);
        assertThat(auth.manager.status(AuthFixture.OAUTH_KEY).tombstoned()).isFalse();
        assertThat(auth.server.refreshRequests()).isEqualTo(1);
    }

    @Test
    void aProcessMeetingTheSameRevokedTokenDuringAnothersGraceWaitIsToldToLogInNotThatTheLockIsBusy() throws Exception {
        // Tokens the server never issued: the API refuses the access token, the token endpoint the refresh token.
        auth.writeCredentials("at-revoked", "rt-revoked", time().instant().plus(HOUR));
        byte[] before = auth.fileBytes();
        GatedSleeper firstsWaits = new GatedSleeper();
        try (OAuthManager first = auth.anotherProcess(firstsWaits)) {
            CompletableFuture<Throwable> firstOutcome = CompletableFuture.supplyAsync(
                    () -> outcomeOf(first.caller(AuthFixture.OAUTH_KEY, null)),
                    command -> Thread.ofVirtual().start(command));
            try {
                await().until(() -> firstsWaits.waiting.get() == 1);
                assertThat(firstsWaits.lastDurationSeconds).as("parked in its grace wait")
                        .hasValue((int) Refresher.REJECTION_GRACE.toSeconds());
                assertThat(auth.server.refreshRequests()).isEqualTo(1);

                assertThat(outcomeOf(auth.caller(null))).isInstanceOf(AuthRequiredException.class);
            } finally {
                firstsWaits.passOne();
            }
            assertThat(firstOutcome.join()).isInstanceOf(AuthRequiredException.class);
            assertThat(first.status(AuthFixture.OAUTH_KEY).tombstoned()).isTrue();
        }
        assertThat(auth.manager.status(AuthFixture.OAUTH_KEY).tombstoned()).isTrue();
        assertThat(auth.server.refreshRequests()).as("each process sent the rejected token once").isEqualTo(2);
        assertThat(auth.fileBytes()).isEqualTo(before);
    }

    @Test
    void aSecondRejectionWithAFreshlyRefreshedTokenAsksForLogin() throws Exception {
        String[] pair = auth.loggedIn(HOUR);

        assertThatThrownBy(() -> call(auth.caller(null), bearer -> {
            bearersSent.add(bearer);
            throw new BearerRejectedException("401");
        })).isInstanceOf(AuthRequiredException.class).hasMessageContaining("log in again");

        assertThat(auth.server.refreshRequests()).isEqualTo(1);
        assertThat(bearersSent).containsExactly(pair[0], auth.server.validAccessToken());
        assertThat(auth.onFile().accessToken()).isEqualTo(auth.server.validAccessToken());
    }

    @Test
    void anUnavailableTokenEndpointIsTransientAndLeavesEverythingAsItWas() throws Exception {
        auth.loggedIn(HOUR);
        auth.server.revokeAccessToken();
        auth.server.scriptRefresh(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE);
        byte[] before = auth.fileBytes();

        assertThatThrownBy(() -> call(auth.caller(null), api())).isInstanceOf(AuthUnavailableException.class);

        assertThat(auth.fileBytes()).isEqualTo(before);
        assertThat(auth.manager.status(AuthFixture.OAUTH_KEY).tombstoned()).isFalse();
        assertThat(call(auth.caller(null), api())).as("recovers once the server is back")
                .isEqualTo(auth.server.validAccessToken());
    }

    @Test
    void anExpiredTokenIsRefreshedBeforeTheCallIsMade() throws Exception {
        auth.loggedIn(Duration.ofSeconds(-5));

        String accepted = call(auth.caller(null), api());

        assertThat(bearersSent).containsExactly(accepted);
        assertThat(auth.server.refreshRequests()).isEqualTo(1);
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeTheCallIsMade() throws Exception {
        String[] pair = auth.loggedIn(OAuthCaller.EXPIRY_MARGIN.minusSeconds(1));

        assertThat(call(auth.caller(null), api())).isNotEqualTo(pair[0]);
        assertThat(auth.server.refreshRequests()).isEqualTo(1);
    }

    @Test
    void whenTheEarlyRefreshFailsTheStillValidTokenIsUsed() throws Exception {
        String[] pair = auth.loggedIn(Duration.ofSeconds(30));
        auth.server.scriptRefresh(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE);

        assertThat(call(auth.caller(null), api())).isEqualTo(pair[0]);
        assertThat(auth.server.refreshRequests()).isEqualTo(TokenClient.MAX_ATTEMPTS);
    }

    @Test
    void whenAnExpiredTokenCannotBeRefreshedNoCallIsMade() {
        auth.loggedIn(Duration.ofSeconds(-5));
        auth.server.scriptRefresh(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE);

        assertThatThrownBy(() -> call(auth.caller(null), api())).isInstanceOf(AuthUnavailableException.class);
        assertThat(bearersSent).isEmpty();
    }

    @Test
    void concurrentCallersOnAnExpiredTokenCauseExactlyOneRefresh() {
        auth.loggedIn(Duration.ofSeconds(-5));
        auth.server.holdRefreshes();
        CredentialedCaller caller = auth.caller(null);

        List<CompletableFuture<String>> outcomes = IntStream.range(0, 50)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return caller.call(api());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, command -> Thread.ofVirtual().start(command)))
                .toList();
        await().until(() -> auth.server.refreshRequests() == 1);
        auth.server.releaseRefreshes();

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.join()).isEqualTo(auth.server.validAccessToken()));
        assertThat(auth.server.refreshRequests()).isEqualTo(1);
    }

    @Test
    void aBusyLockIsTransientAndNothingIsRefreshedOrWritten() throws Exception {
        auth.loggedIn(Duration.ofSeconds(-5));
        byte[] before = auth.fileBytes();
        try (RefreshLock.Held _ = auth.lockAsAnotherProcess()) {
            assertThatThrownBy(() -> call(auth.caller(null), api()))
                    .isInstanceOf(AuthUnavailableException.class)
                    .hasMessageContaining("held by another process");
        }

        assertThat(auth.server.refreshRequests()).isZero();
        assertThat(auth.fileBytes()).isEqualTo(before);
    }

    @Test
    void aLockFileThatCannotBeOpenedIsTransientAndNothingIsRefreshed() throws Exception {
        auth.loggedIn(Duration.ofSeconds(-5));
        Files.createDirectory(auth.lockFile());
        byte[] before = auth.fileBytes();

        assertThatThrownBy(() -> call(auth.caller(null), api()))
                .isInstanceOf(AuthUnavailableException.class)
                .hasMessageContaining("cannot open the refresh lock");

        assertThat(auth.server.refreshRequests()).isZero();
        assertThat(auth.fileBytes()).isEqualTo(before);
    }

    @Test
    void aMalformedFileIsNoCredentialsAndIsLeftAlone() throws Exception {
        auth.writeRaw("{\"access_token\": \"at-half-written");
        auth.server.acceptApiKey("sk-static");
        byte[] before = auth.fileBytes();

        assertThat(auth.caller(null).hasUsableCredentials()).isFalse();
        assertThatThrownBy(() -> call(auth.caller(null), api())).isInstanceOf(AuthRequiredException.class);
        assertThat(call(auth.caller("sk-static"), api())).isEqualTo("sk-static");

        assertThat(auth.fileBytes()).isEqualTo(before);
        assertThat(auth.server.refreshRequests()).isZero();
    }

    @Test
    void withNoCredentialFileAnOAuthProviderNeedsALoginUnlessItHasAnApiKey() throws Exception {
        assertThat(auth.caller(null).hasUsableCredentials()).isFalse();
        assertThat(auth.caller("  ").hasUsableCredentials()).as("a blank api key is none").isFalse();
        assertThat(auth.caller("sk").hasUsableCredentials()).isTrue();
        assertThat(auth.caller(null).usesOAuth()).isTrue();
        assertThatThrownBy(() -> call(auth.caller(null), api())).isInstanceOf(AuthRequiredException.class);
        assertThat(bearersSent).isEmpty();
    }

    @Test
    void aRejectedApiKeyFallbackOfAnOAuthProviderAsksForLogin() {
        assertThatThrownBy(() -> call(auth.caller("sk-revoked"), api())).isInstanceOf(AuthRequiredException.class);
        assertThat(bearersSent).containsExactly("sk-revoked");
    }

    @Test
    void withoutAnOAuthKeyTheProvidersRejectionIsPassedOnAsItIs() throws Exception {
        CredentialedCaller plain = auth.manager.caller(null, "sk-plain");

        assertThatThrownBy(() -> plain.call(api())).isInstanceOf(BearerRejectedException.class);
        assertThat(bearersSent).containsExactly("sk-plain");
        assertThat(plain.usesOAuth()).isFalse();
        assertThat(plain.hasUsableCredentials()).isTrue();
        AuthorizedCall<String, RuntimeException> echo = bearer -> String.valueOf(bearer);
        assertThat(auth.manager.caller(null, null).call(echo)).as("no credentials at all: a null bearer").isEqualTo("null");
    }

    @Test
    void theCallsOwnFailurePassesThroughUntouched() {
        auth.loggedIn(HOUR);
        IOException own = new IOException("stream broke");

        assertThatThrownBy(() -> auth.caller(null).call(bearer -> {
            throw own;
        })).isSameAs(own);
        assertThat(auth.server.refreshRequests()).isZero();
    }

    @Test
    void callersNeverShowTheirApiKey() {
        assertThat(auth.caller("sk-secret-value").toString()).doesNotContain("sk-secret-value");
        assertThat(auth.manager.caller(null, "sk-secret-value").toString()).doesNotContain("sk-secret-value");
    }

    /** What a call through {@code caller} ended with: null when it succeeded. */
    private Throwable outcomeOf(CredentialedCaller caller) {
        try {
            caller.call(api());
            return null;
        } catch (Exception failed) {
            return failed;
        }
    }

    private FakeTime time() {
        return auth.time;
    }
}
