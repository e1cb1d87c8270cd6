package dev.agentserver.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refreshes ahead of expiry, so that calls rarely meet an expired token: every {@link #CHECK_INTERVAL} it
 * refreshes each watched key whose access token has less than max({@link #MIN_LEAD}, half its lifetime) left.
 * When the wall clock moved much further than one interval between two checks, the machine was most likely
 * asleep, and every key is refreshed whatever its expiry says, unless another instance has already done so
 * since. A tombstoned refresh token is not retried until its cooldown is over. One per process, on one thread.
 */
final class BackgroundRefresher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackgroundRefresher.class);
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(60);
    private static final Duration MIN_LEAD = Duration.ofSeconds(300);
    private static final Duration WAKE_UP_GAP = CHECK_INTERVAL.multipliedBy(2);

    private final CredentialStore store;
    private final Tombstone tombstone;
    private final Refresher refresher;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final Set<CredentialKey> watched = ConcurrentHashMap.newKeySet();
    private final Map<CredentialKey, String> accessTokenAtLastCheck = new ConcurrentHashMap<>();
    private Thread thread; // guarded by this
    private volatile Instant lastCheck; // set when the thread starts, then at the end of each check

    BackgroundRefresher(CredentialStore store, Tombstone tombstone, Refresher refresher, InstantSource clock,
                        Sleeper sleeper) {
        this.store = store;
        this.tombstone = tombstone;
        this.refresher = refresher;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Adds a key to the ones checked, starting the thread on the first call. */
    synchronized void watch(CredentialKey key) {
        watched.add(key);
        if (thread == null) {
            lastCheck = clock.instant();
            thread = Thread.ofVirtual().name("oauth-background-refresher").start(this::checkUntilClosed);
        }
    }

    private void checkUntilClosed() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                sleeper.sleep(CHECK_INTERVAL);
                checkOnce();
            }
        } catch (InterruptedException closing) {
            log.debug("background refresher stopped");
        }
    }

    void checkOnce() {
        Instant now = clock.instant();
        boolean wokeUp = Duration.between(lastCheck, now).compareTo(WAKE_UP_GAP) > 0;
        for (CredentialKey key : watched) {
            try {
                check(key, now, wokeUp);
            } catch (AuthUnavailableException unavailable) {
                log.warn("{}: background refresh failed; trying again at the next check: {}", key, unavailable.getMessage());
            } catch (RuntimeException bug) {
                log.error("{}: background refresh failed unexpectedly", key, bug);
            }
        }
        // Measured from the end of this check, so that a slow check does not look like a jump of the clock.
        lastCheck = clock.instant();
    }

    private void check(CredentialKey key, Instant now, boolean wokeUp) throws AuthUnavailableException {
        Credentials credentials = store.read(key).usable().orElse(null);
        if (credentials == null || tombstone.isLive(key, credentials.refreshToken())) {
            return;
        }
        String seenBefore = accessTokenAtLastCheck.put(key, credentials.accessToken());
        Optional<Credentials> refreshed = Optional.empty();
        if (wokeUp) {
            // Every instance on the machine wakes up with the same stale view. Refreshing "unless rotated since
            // before the jump" lets the first one refresh and the others adopt its result.
            log.info("{}: the clock jumped since the last check (sleep?); refreshing", key);
            refreshed = refresher.refreshUnlessRotated(key, seenBefore != null ? seenBefore : credentials.accessToken());
        } else if (isDue(credentials, now)) {
            refreshed = refresher.refreshUnlessRotated(key, credentials.accessToken());
        }
        refreshed.ifPresent(current -> accessTokenAtLastCheck.put(key, current.accessToken()));
    }

    private static boolean isDue(Credentials credentials, Instant now) {
        Duration lead = MIN_LEAD;
        if (credentials.expiresIn() != null && credentials.expiresIn().dividedBy(2).compareTo(lead) > 0) {
            lead = credentials.expiresIn().dividedBy(2);
        }
        return credentials.expiresWithin(lead, now);
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
