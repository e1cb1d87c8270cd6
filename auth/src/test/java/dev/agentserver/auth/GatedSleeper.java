package dev.agentserver.auth;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sleeper for a background thread: each sleep waits until the test lets one pass, and is counted, so a test
 * can tell how many threads are sleeping and step them one interval at a time. An interrupt ends the wait.
 */
final class GatedSleeper implements Sleeper {
    final AtomicInteger begun = new AtomicInteger();
    final AtomicInteger waiting = new AtomicInteger();
    final AtomicInteger lastDurationSeconds = new AtomicInteger();
    private final Semaphore passes = new Semaphore(0);

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        lastDurationSeconds.set((int) duration.toSeconds());
        begun.incrementAndGet();
        waiting.incrementAndGet();
        try {
            passes.acquire();
        } finally {
            waiting.decrementAndGet();
        }
    }

    void passOne() {
        passes.release();
    }
}
