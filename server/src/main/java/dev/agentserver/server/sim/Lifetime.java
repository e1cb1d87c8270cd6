package dev.agentserver.server.sim;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The simulator's running time: handlers that wait (slow or silent replies) wake up when it stops. */
final class Lifetime {

    private final CountDownLatch ended = new CountDownLatch(1);

    /** Waits {@code delay}; returns false when the simulator stopped meanwhile. */
    boolean pause(Duration delay) {
        try {
            return !ended.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void awaitEnd() {
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void end() {
        ended.countDown();
    }
}
