package dev.agentserver.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The locked half of the recovery path: refreshes a credential key's tokens at most once at a time across the
 * threads of this process (single flight) and across processes ({@code flock}), and only when the file still
 * holds the access token the caller found wanting. In order: join or start the in-process flight, take the
 * file lock, re-read the file, then adopt what another instance wrote or refresh.
 * <p>
 * A rejected refresh never deletes or rewrites the file: after a short grace wait, spent without the file lock,
 * and a re-read, the token is tombstoned.
 */
final class Refresher {
    private static final Logger log = LoggerFactory.getLogger(Refresher.class);
    /** How long a rejected refresh waits for an instance that used the same token a moment earlier to write. */
    static final Duration REJECTION_GRACE = Duration.ofSeconds(2);

    private final CredentialStore store;
    private final RefreshLock lock;
    private final Tombstone tombstone;
    private final TokenClient tokens;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final SingleFlight<Optional<Credentials>> flights = new SingleFlight<>();

    Refresher(CredentialStore store, RefreshLock lock, Tombstone tombstone, TokenClient tokens,
              InstantSource clock, Sleeper sleeper) {
        this.store = store;
        this.lock = lock;
        this.tombstone = tombstone;
        this.tokens = tokens;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Makes sure the file no longer holds {@code staleAccessToken}: by adopting what another instance wrote, or
     * by refreshing. A caller that arrives while a refresh for the key is in flight shares its outcome.
     *
     * @return the credentials to use now; empty when there are none usable (no file, a malformed one, or the
     *         refresh token was rejected and is now tombstoned)
     * @throws AuthUnavailableException the lock or the OAuth server was not available; nothing was written
     */
    Optional<Credentials> refreshUnlessRotated(CredentialKey key, String staleAccessToken) throws AuthUnavailableException {
        return flights.run(key.name(), () -> {
            try {
                return adoptOrRefresh(key, staleAccessToken);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AuthUnavailableException("interrupted while refreshing " + key, interrupted);
            }
        });
    }

    private Optional<Credentials> adoptOrRefresh(CredentialKey key, String staleAccessToken)
            throws AuthUnavailableException, InterruptedException {
        Credentials rejected;
        RefreshRejectedException why;
        try (RefreshLock.Held _ = lock.acquire(lockFile(key))) {
            Optional<Credentials> found = store.read(key).usable();
            if (found.isEmpty()) {
                return found;
            }
            Credentials onFile = found.get();
            if (tombstone.isLive(key, onFile.refreshToken())) {
                return Optional.empty();
            }
            if (!onFile.accessToken().equals(staleAccessToken)) {
                log.debug("{}: another instance rotated the tokens; adopting them", key);
                return found;
            }
            try {
                Credentials refreshed = tokens.refresh(onFile.refreshToken()).toCredentials(onFile, clock.instant());
                save(key, refreshed);
                tombstone.clear(key);
                log.info("{}: refreshed the OAuth tokens; the new access token expires at {}", key, refreshed.expiresAt());
                return Optional.of(refreshed);
            } catch (RefreshRejectedException rejection) {
                rejected = onFile;
                why = rejection;
            }
        }
        // The grace wait is spent with the lock released. Held through it, N of our processes meeting one revoked
        // token would keep the lock for the grace one after another, and the last would run out of the lock's
        // budget and report "lock busy" instead of "log in again". Meanwhile another of our processes may take the
        // lock and find the same tokens (it sends the same refresh token and is refused too, as it would have been
        // after waiting for us) or a rotation or login someone wrote (it adopts that, and so does our re-read).
        // Threads of this process still join our single flight, which lasts until the grace is over.
        return afterRejection(key, rejected, why);
    }

    /**
     * Another instance, one that does not take our lock, may have used the same refresh token a moment before us
     * and be about to write its result. Give it a moment before concluding that the login is gone. The re-read
     * needs no lock: writers replace the file by a rename, so it shows the old pair or a whole new one (and the
     * writers this wait is for do not take our lock anyway).
     */
    private Optional<Credentials> afterRejection(CredentialKey key, Credentials rejected, RefreshRejectedException why)
            throws InterruptedException {
        sleeper.sleep(REJECTION_GRACE);
        Optional<Credentials> reread = store.read(key).usable();
        if (reread.isPresent() && !reread.get().refreshToken().equals(rejected.refreshToken())) {
            log.info("{}: refresh token rejected, but another instance had rotated it; adopting its tokens", key);
            return reread;
        }
        tombstone.bury(key, rejected.refreshToken());
        log.warn("{}: {}; not sending it again for {} s; the credential file is kept", key, why.getMessage(),
                Tombstone.COOLDOWN.toSeconds());
        return Optional.empty();
    }

    private Path lockFile(CredentialKey key) throws AuthUnavailableException {
        try {
            return store.lockFile(key);
        } catch (IOException cannotPrepare) {
            throw new AuthUnavailableException("cannot prepare the credentials directory for " + key + ": " + cannotPrepare, cannotPrepare);
        }
    }

    private void save(CredentialKey key, Credentials refreshed) throws AuthUnavailableException {
        try {
            store.save(key, refreshed);
        } catch (IOException writeFailed) {
            // The server has rotated the pair by now; the old refresh token in the file will most likely be refused.
            log.error("{}: refreshed, but could not write {}: {}", key, store.file(key), writeFailed.toString());
            throw new AuthUnavailableException("refreshed, but could not save the credentials: " + writeFailed, writeFailed);
        }
    }
}
