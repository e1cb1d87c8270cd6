package dev.agentserver.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the conformance summary table when the test plan has run (registered through
 * {@code META-INF/services}), and writes it to {@code target/conformance-summary.txt}.
 */
public final class SummaryListener implements TestExecutionListener {

    private record Area(int[] counts, long[] nanos) {
        Area() {
            this(new int[3], new long[1]);
        }
    }

    private final Map<String, Area> areas = new TreeMap<>();
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final List<String> failed = new ArrayList<>();
    private long planStart;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        planStart = System.nanoTime();
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            started.put(id.getUniqueId(), System.nanoTime());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            synchronized (areas) {
                areas.computeIfAbsent(area(id), k -> new Area()).counts()[2]++;
            }
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            return;
        }
        long took = System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime());
        synchronized (areas) {
            Area area = areas.computeIfAbsent(area(id), k -> new Area());
            area.nanos()[0] += took;
            switch (result.getStatus()) {
                case SUCCESSFUL -> area.counts()[0]++;
                case FAILED -> {
                    area.counts()[1]++;
                    failed.add(area(id) + " " + id.getDisplayName());
                }
                case ABORTED -> area.counts()[2]++;
            }
        }
    }

    private static String area(TestIdentifier id) {
        String legacy = id.getLegacyReportingName();
        return id.getSource().map(s -> s.toString()).filter(s -> s.contains("className"))
                .map(s -> s.replaceAll(".*className = '([^']*)'.*", "$1"))
                .map(s -> s.replace("dev.agentserver.conformance.", ""))
                .orElse(legacy);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        String table = render(Duration.ofNanos(System.nanoTime() - planStart));
        System.out.println(table);
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("conformance-summary.txt"), table);
            }
        } catch (IOException ignored) {
            // The table was printed; the file is a convenience.
        }
    }

    String render(Duration wall) {
        StringBuilder out = new StringBuilder();
        int passed = 0;
        int failures = 0;
        int skipped = 0;
        out.append("\n===================== conformance summary =====================\n");
        out.append(String.format("%-46s %6s %6s %6s %8s%n", "scenario class", "pass", "fail", "skip", "time"));
        synchronized (areas) {
            for (Map.Entry<String, Area> e : areas.entrySet()) {
                int[] c = e.getValue().counts();
                passed += c[0];
                failures += c[1];
                skipped += c[2];
                out.append(String.format("%-46s %6d %6d %6d %7.1fs%n", e.getKey(), c[0], c[1], c[2],
                        e.getValue().nanos()[0] / 1e9));
            }
        }
        out.append("---------------------------------------------------------------\n");
        out.append(String.format("%-30s %d (%d passed, %d skipped)%n", "scenarios", passed + failures + skipped, passed, skipped));
        out.append(String.format("%-30s %d sent, %d received%n", "messages", ConformanceReport.messagesSent(),
                ConformanceReport.messagesReceived()));
        out.append(String.format("%-30s %d%n", "server processes started", ConformanceReport.processes()));
        out.append(String.format("%-30s %d%n", "races (contended steps)", ConformanceReport.races()));
        out.append(String.format("%-30s %d%n", "crashes (kill -9)", ConformanceReport.crashes()));
        out.append(String.format("%-30s %d%n", "fuzz cases", ConformanceReport.fuzzCases()));
        out.append(String.format("%-30s %d%n", "invariant checks", ConformanceReport.invariantChecks()));
        out.append(String.format("%-30s %d%n", "failures", failures));
        out.append(String.format("%-30s %.1fs%n", "wall time", wall.toMillis() / 1000.0));
        if (!ConformanceReport.notes().isEmpty()) {
            out.append("details:\n");
            ConformanceReport.notes().forEach((k, v) -> out.append(String.format("  %-44s %d%n", k, v.get())));
        }
        if (!ConformanceReport.seeds().isEmpty()) {
            out.append("seeds (rerun with -Dconformance.seed=N):\n");
            new TreeMap<>(ConformanceReport.seeds()).forEach((k, v) -> out.append(String.format("  %-44s %d%n", k, v)));
        }
        synchronized (areas) {
            for (String f : failed) {
                out.append("FAILED: ").append(f).append('\n');
            }
        }
        out.append("===============================================================\n");
        return out.toString();
    }
}
