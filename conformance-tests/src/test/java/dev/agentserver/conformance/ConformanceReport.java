package dev.agentserver.conformance;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters that the scenarios bump as they go and that {@link SummaryListener} prints as one table when
 * the run ends: how much was exercised, not only whether it passed.
 */
public final class ConformanceReport {

    private static final AtomicLong MESSAGES_SENT = new AtomicLong();
    private static final AtomicLong MESSAGES_RECEIVED = new AtomicLong();
    private static final AtomicLong PROCESSES = new AtomicLong();
    private static final AtomicLong RACES = new AtomicLong();
    private static final AtomicLong CRASHES = new AtomicLong();
    private static final AtomicLong FUZZ_CASES = new AtomicLong();
    private static final AtomicLong INVARIANT_CHECKS = new AtomicLong();
    private static final Map<String, AtomicLong> NOTES = new ConcurrentSkipListMap<>();
    private static final Map<String, Long> SEEDS = new ConcurrentHashMap<>();

    private ConformanceReport() {
    }

    public static void messageSent() {
        MESSAGES_SENT.incrementAndGet();
    }

    public static void messagesSent(long count) {
        MESSAGES_SENT.addAndGet(count);
    }

    public static void messageReceived() {
        MESSAGES_RECEIVED.incrementAndGet();
    }

    public static void processStarted() {
        PROCESSES.incrementAndGet();
    }

    /** One step in which several processes (or a foreign one) contended for the same credentials. */
    public static void race() {
        RACES.incrementAndGet();
    }

    /** One server killed with SIGKILL on purpose. */
    public static void crash() {
        CRASHES.incrementAndGet();
    }

    public static void fuzzCases(long count) {
        FUZZ_CASES.addAndGet(count);
    }

    public static void invariantChecks(long count) {
        INVARIANT_CHECKS.addAndGet(count);
    }

    /** A named count shown under the table, e.g. which crash points were hit. */
    public static void note(String what) {
        NOTES.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    /** A named count shown under the table, raised by {@code count}. */
    public static void note(String what, long count) {
        NOTES.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(count);
    }

    public static void seed(String scenario, long seed) {
        SEEDS.put(scenario, seed);
    }

    static long messagesSent() {
        return MESSAGES_SENT.get();
    }

    static long messagesReceived() {
        return MESSAGES_RECEIVED.get();
    }

    static long processes() {
        return PROCESSES.get();
    }

    static long races() {
        return RACES.get();
    }

    static long crashes() {
        return CRASHES.get();
    }

    static long fuzzCases() {
        return FUZZ_CASES.get();
    }

    static long invariantChecks() {
        return INVARIANT_CHECKS.get();
    }

    static Map<String, AtomicLong> notes() {
        return NOTES;
    }

    static Map<String, Long> seeds() {
        return SEEDS;
    }
}
