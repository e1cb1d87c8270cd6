package dev.agentserver.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The refresh tokens this process saw rejected, one per credential name, each with the end of its cooldown.
 * While an entry is live the token is not sent again and the credentials holding it are not used. An entry
 * ends when the cooldown is over, when the file holds a different refresh token (another instance rotated or
 * the user logged in elsewhere), or when a refresh or login here succeeds.
 */
final class Tombstone {
    static final Duration COOLDOWN = Duration.ofSeconds(300);

    private record Entry(String rejectedRefreshToken, Instant until) {
        @Override
        public String toString() {
            return "Entry[rejectedRefreshToken=<redacted>, until=" + until + "]";
        }
    }

    private final InstantSource clock;
    private final Map<CredentialKey, Entry> entries = new ConcurrentHashMap<>();

    Tombstone(InstantSource clock) {
        this.clock = clock;
    }

    void bury(CredentialKey key, String rejectedRefreshToken) {
        entries.put(key, new Entry(rejectedRefreshToken, clock.instant().plus(COOLDOWN)));
    }

    /**
     * Whether {@code refreshTokenOnFile} is the rejected token and its cooldown still runs. An entry found to be
     * over, by time or because the file moved on to another token, is dropped.
     */
    boolean isLive(CredentialKey key, String refreshTokenOnFile) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return false;
        }
        if (!entry.rejectedRefreshToken().equals(refreshTokenOnFile) || !clock.instant().isBefore(entry.until())) {
            entries.remove(key, entry);
            return false;
        }
        return true;
    }

    void clear(CredentialKey key) {
        entries.remove(key);
    }
}
