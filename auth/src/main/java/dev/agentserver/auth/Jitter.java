package dev.agentserver.auth;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Random spreading of waits, so that processes that started waiting together do not retry together. */
final class Jitter {
    private Jitter() {
    }

    /** A duration drawn uniformly from {@code [min, max]}, to the millisecond. */
    static Duration between(RandomGenerator random, Duration min, Duration max) {
        return min.plusMillis(random.nextLong(max.minus(min).toMillis() + 1));
    }
}
