package dev.agentserver.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.random.RandomGenerator;

/**
 * The cross-process refresh lock: an exclusive {@code flock(2)} on {@code credentials/NAME.lock}, tried without
 * blocking and polled with a short random pause until a bounded budget runs out. It fails closed: when the file
 * cannot be opened or the lock is not had in time, the caller gets {@link AuthUnavailableException} and must not
 * go on to refresh unlocked. The lock file is never deleted: removing it while another process waits on it
 * would let a third process lock a new file of the same name, and two processes would each hold "the" lock.
 */
final class RefreshLock {
    private static final Logger log = LoggerFactory.getLogger(RefreshLock.class);
    static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);
    private static final Duration SHORTEST_POLL = Duration.ofMillis(20);
    private static final Duration LONGEST_POLL = Duration.ofMillis(100);

    private final InstantSource clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Duration budget;

    RefreshLock(InstantSource clock, Sleeper sleeper, RandomGenerator random, Duration budget) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.budget = budget;
    }

    /** The lock, held until the returned handle is closed. */
    Held acquire(Path lockFile) throws AuthUnavailableException, InterruptedException {
        int fd;
        try {
            fd = NativeFlock.open(lockFile);
        } catch (IOException cannotOpen) {
            throw new AuthUnavailableException("cannot open the refresh lock " + lockFile + ": " + cannotOpen.getMessage(), cannotOpen);
        }
        boolean held = false;
        try {
            Instant deadline = clock.instant().plus(budget);
            while (!NativeFlock.tryLockExclusive(fd)) {
                if (!clock.instant().isBefore(deadline)) {
                    throw new AuthUnavailableException("the refresh lock " + lockFile + " is held by another process;"
                            + " gave up after " + budget.toSeconds() + " s");
                }
                sleeper.sleep(Jitter.between(random, SHORTEST_POLL, LONGEST_POLL));
            }
            held = true;
            log.debug("holding the refresh lock {}", lockFile);
            return new Held(fd, lockFile);
        } catch (IOException lockFailed) {
            throw new AuthUnavailableException("cannot lock " + lockFile + ": " + lockFailed.getMessage(), lockFailed);
        } finally {
            if (!held) {
                NativeFlock.close(fd);
            }
        }
    }

    /** A held lock; closing it unlocks and closes the descriptor. */
    static final class Held implements AutoCloseable {
        private final int fd;
        private final Path lockFile;

        private Held(int fd, Path lockFile) {
            this.fd = fd;
            this.lockFile = lockFile;
        }

        int fileDescriptor() {
            return fd;
        }

        @Override
        public void close() {
            try {
                NativeFlock.unlock(fd);
            } catch (IOException unlockFailed) {
                // Closing the descriptor below releases the lock all the same.
                log.debug("unlocking {}: {}", lockFile, unlockFailed.getMessage());
            }
            NativeFlock.close(fd);
            log.debug("released the refresh lock {}", lockFile);
        }
    }
}
