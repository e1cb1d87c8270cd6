package dev.agentserver.conformance;

import java.security.SecureRandom;

/**
 * Seeded randomness: every random scenario takes its seed from here, prints it, and names it in its
 * failure message, so that {@code -Dconformance.seed=N} replays the same schedule or the same input.
 */
public final class Seeds {

    /** A body that may throw anything. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private Seeds() {
    }

    /** The seed for {@code scenario}: {@code -Dconformance.seed} when given, else a fresh random one. */
    public static long seed(String scenario) {
        Long fixed = Long.getLong("conformance.seed");
        long seed = fixed != null ? fixed : new SecureRandom().nextLong();
        System.out.println("[conformance] " + scenario + ": seed " + seed);
        ConformanceReport.seed(scenario, seed);
        return seed;
    }

    /** Runs {@code body}; a failure is rethrown with the seed and how to replay it in front of its message. */
    public static void run(String scenario, long seed, Body body) throws Exception {
        try {
            body.run();
        } catch (Throwable failure) {
            AssertionError withSeed = new AssertionError("[" + scenario + ", seed " + seed
                    + "; replay with -Dconformance.seed=" + seed + "] " + failure.getMessage(), failure);
            throw withSeed;
        }
    }

    /** True when the long soak runs ({@code -Dconformance.soak=true} or {@code CONFORMANCE_SOAK=1}). */
    public static boolean soak() {
        return Boolean.getBoolean("conformance.soak") || "1".equals(System.getenv("CONFORMANCE_SOAK"))
                || "true".equalsIgnoreCase(System.getenv("CONFORMANCE_SOAK"));
    }

    /** {@code normal} in the default run, {@code soaked} under the soak flag. */
    public static int scale(int normal, int soaked) {
        return soak() ? soaked : normal;
    }
}
