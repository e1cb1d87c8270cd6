package dev.agentserver.auth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class BackgroundRefresherTest {
    @TempDir
    Path dataDir;
    private AuthFixture auth;
    private BackgroundRefresher refresher;

    /** The refresher's own thread waits forever; each test runs the checks itself with {@code checkOnce}. */
    @BeforeEach
    void open() throws IOException {
        auth = new AuthFixture(dataDir);
        refresher = auth.backgroundRefresher(new GatedSleeper());
        refresher.watch(AuthFixture.KEY);
    }

    @AfterEach
    void close() {
        refresher.close();
        auth.close();
    }

    @Test
    void leavesATokenWithMoreThanFiveMinutesLeftAlone() {
        auth.loggedIn(Duration.ofSeconds(301));

        refresher.checkOnce();

        assertThat(auth.server.refreshRequests()).isZero();
    }

    @Test
    void refreshesATokenWithLessThanFiveMinutesLeft() {
        String[] pair = auth.loggedIn(Duration.ofSeconds(299));

        refresher.checkOnce();

        assertThat(auth.server.refreshRequests()).isEqualTo(1);
        assertThat(auth.onFile().accessToken()).isNotEqualTo(pair[0]).isEqualTo(auth.server.validAccessToken());
    }

    @Test
    void aLongLivedTokenIsRefreshedOnceHalfItsLifetimeIsGone() {
        String[] pair = auth.server.issuePair();
        Instant expiresAt = auth.time.instant().plus(Duration.ofSeconds(3601));
        auth.writeRaw("""
                {"access_token":"%s","refresh_token":"%s","expires_at":%d,"expires_in":7200}"""
                .formatted(pair[0], pair[1], expiresAt.getEpochSecond()));

        refresher.checkOnce();
        assertThat(auth.server.refreshRequests()).isZero();

        auth.time.advance(Duration.ofSeconds(2));
        refresher.checkOnce();
        assertThat(auth.server.refreshRequests()).isEqualTo(1);
    }

    @Test
    void aWallClockJumpOfMoreThanTwoIntervalsForcesARefresh() {
        auth.loggedIn(Duration.ofHours(10));
        refresher.checkOnce();

        auth.time.advance(BackgroundRefresher.CHECK_INTERVAL.multipliedBy(2));
        refresher.checkOnce();
        assertThat(auth.server.refreshRequests()).as("two intervals is no jump").isZero();

        auth.time.advance(BackgroundRefresher.CHECK_INTERVAL.multipliedBy(2).plusSeconds(1));
        refresher.checkOnce();
        assertThat(auth.server.refreshRequests()).isEqualTo(1);
    }

    @Test
    void afterAWakeUpOnlyTheFirstInstanceRefreshesAndTheOthersAdoptItsTokens() {
        auth.loggedIn(Duration.ofHours(10));
        try (BackgroundRefresher otherInstance = auth.backgroundRefresher(new GatedSleeper())) {
            otherInstance.watch(AuthFixture.KEY);
            refresher.checkOnce();
            otherInstance.checkOnce();

            auth.time.advance(Duration.ofMinutes(45));
            refresher.checkOnce();
            otherInstance.checkOnce();

            assertThat(auth.server.refreshRequests()).isEqualTo(1);
            assertThat(auth.onFile().accessToken()).isEqualTo(auth.server.validAccessToken());

            auth.time.advance(Duration.ofMinutes(45));
            otherInstance.checkOnce();
            refresher.checkOnce();
            assertThat(auth.server.refreshRequests()).as("the next wake-up, the other one is first").isEqualTo(2);
        }
    }

    @Test
    void aRejectedBackgroundRefreshKeepsTheFileAndTheCooldownStopsFurtherTries() throws IOException {
        auth.loggedIn(Duration.ofSeconds(120));
        auth.server.scriptRefresh(new FakeOAuthServer.Reply(401, "{}"));
        byte[] before = auth.fileBytes();

        refresher.checkOnce();
        assertThat(auth.server.refreshRequests()).isEqualTo(1);
        assertThat(auth.fileBytes()).isEqualTo(before);

        for (int check = 0; check < 2; check++) {
            auth.time.advance(BackgroundRefresher.CHECK_INTERVAL);
            refresher.checkOnce();
        }
        auth.time.advance(BackgroundRefresher.CHECK_INTERVAL.multipliedBy(2).plusSeconds(1));
        refresher.checkOnce();
        assertThat(auth.server.refreshRequests()).as("no retry within the cooldown, not even after a jump").isEqualTo(1);
        assertThat(auth.fileBytes()).isEqualTo(before);

        auth.time.advance(Tombstone.COOLDOWN);
        refresher.checkOnce();
        assertThat(auth.server.refreshRequests()).as("the cooldown is over").isEqualTo(2);
    }

    @Test
    void aTransientFailureIsRetriedAtTheNextCheck() {
        auth.loggedIn(Duration.ofSeconds(120));
        FakeOAuthServer.Reply unavailable = new FakeOAuthServer.Reply(503, "{}");
        auth.server.scriptRefresh(unavailable, unavailable, unavailable, unavailable);

        refresher.checkOnce();
        assertThat(auth.server.refreshRequests()).isEqualTo(TokenClient.MAX_ATTEMPTS);

        auth.time.advance(BackgroundRefresher.CHECK_INTERVAL);
        refresher.checkOnce();
        assertThat(auth.server.refreshRequests()).isEqualTo(TokenClient.MAX_ATTEMPTS + 1);
        assertThat(auth.onFile().accessToken()).isEqualTo(auth.server.validAccessToken());
    }

    @Test
    void skipsKeysWithoutUsableCredentials() {
        auth.writeRaw("not json");

        refresher.checkOnce();

        assertThat(auth.server.refreshRequests()).isZero();
    }

    @Test
    void runsOnOneThreadThatChecksEveryIntervalUntilClosed() {
        refresher.close();
        GatedSleeper gate = new GatedSleeper();
        refresher = auth.backgroundRefresher(gate);
        auth.loggedIn(Duration.ofSeconds(120));

        refresher.watch(AuthFixture.KEY);
        refresher.watch(AuthFixture.KEY);
        refresher.watch(CredentialKey.parse("oauth/another"));
        await().until(() -> gate.waiting.get() == 1);
        assertThat(auth.server.refreshRequests()).isZero();

        gate.passOne();
        await().until(() -> auth.server.refreshRequests() == 1 && gate.waiting.get() == 1);
        assertThat(gate.begun.get()).as("one thread, sleeping its second interval").isEqualTo(2);
        assertThat(gate.lastDurationSeconds.get()).isEqualTo(BackgroundRefresher.CHECK_INTERVAL.toSeconds());

        refresher.close();
        await().until(() -> gate.waiting.get() == 0);
    }
}
