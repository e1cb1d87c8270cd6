package dev.agentserver.server.agent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often and after how long a step is retried on a retryable provider error: exponential from
 * {@code baseDelay}, capped, with up to 25% jitter so that many sessions do not retry in lockstep.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, RandomGenerator random) {

    public static RetryPolicy defaults(int maxAttempts) {
        return new RetryPolicy(maxAttempts, Duration.ofMillis(500), Duration.ofSeconds(8), RandomGenerator.getDefault());
    }

    /** The wait before attempt {@code nextAttempt} (2 or more). */
    public Duration delayBefore(int nextAttempt) {
        long base = baseDelay.toMillis() << Math.min(20, nextAttempt - 2);
        long capped = Math.min(base, maxDelay.toMillis());
        long jitter = capped <= 0 ? 0 : (long) (random.nextDouble() * capped * 0.25);
        return Duration.ofMillis(capped + jitter);
    }
}
