package dev.agentserver.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TombstoneTest {
    private static final CredentialKey KEY = CredentialKey.parse("oauth/kimi-code");
    private final FakeTime time = new FakeTime();
    private final Tombstone tombstone = new Tombstone(time);

    @Test
    void isLiveOnlyForTheRejectedToken() {
        tombstone.bury(KEY, "rt-rejected");

        assertThat(tombstone.isLive(KEY, "rt-rejected")).isTrue();
        assertThat(tombstone.isLive(CredentialKey.parse("oauth/other"), "rt-rejected")).isFalse();
    }

    @Test
    void endsForGoodOnceTheFileHoldsAnotherRefreshToken() {
        tombstone.bury(KEY, "rt-rejected");

        assertThat(tombstone.isLive(KEY, "rt-rotated-elsewhere")).isFalse();
        assertThat(tombstone.isLive(KEY, "rt-rejected")).isFalse();
    }

    @Test
    void endsAfterTheFiveMinuteCooldown() {
        tombstone.bury(KEY, "rt-rejected");

        time.advance(Duration.ofSeconds(299));
        assertThat(tombstone.isLive(KEY, "rt-rejected")).isTrue();
        time.advance(Duration.ofSeconds(1));
        assertThat(tombstone.isLive(KEY, "rt-rejected")).isFalse();
    }

    @Test
    void clearEndsIt() {
        tombstone.bury(KEY, "rt-rejected");

        tombstone.clear(KEY);

        assertThat(tombstone.isLive(KEY, "rt-rejected")).isFalse();
    }
}
