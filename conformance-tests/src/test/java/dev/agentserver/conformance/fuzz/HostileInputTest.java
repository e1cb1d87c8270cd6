package dev.agentserver.conformance.fuzz;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentserver.conformance.ConformanceReport;
import dev.agentserver.conformance.ScriptedConfig;
import dev.agentserver.conformance.Seeds;
import dev.agentserver.conformance.ServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input on stdin, sent in bulk: seeded mutated and garbage lines (60,000 per protocol and the fixed
 * classics, 1,000,000 per protocol under the soak flag), then a valid request. The server
 * stays up, answers the valid request, writes nothing but JSON-RPC on stdout (every line is checked by
 * {@link ServerProcess}), answers only with the protocol's error codes and no stack traces, and its resident
 * memory stays under a fixed bound throughout; a single line of 100 MB gets an error without the process
 * growing past a fixed bound.
 */
class HostileInputTest {

    /** Resident set size the server may never exceed while it is fed hostile lines. */
    static final long RSS_BOUND_KB = 640 * 1024;
    /** Peak resident set size allowed across a 100 MB line (the line cap is 16 MiB; reading more is a bug). */
    static final long BIG_LINE_PEAK_BOUND_KB = 320 * 1024;
    static final Set<Integer> WIRE_CODES = Set.of(-32700, -32600, -32601, -32602, -32603, -32000, -32001, -32002,
            -32003, -32004);

    static final List<String> WIRE_SEEDS = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":\"i1\",\"method\":\"initialize\",\"params\":{\"protocol_version\":\"1.10\","
                    + "\"client\":{\"name\":\"fuzz\",\"version\":\"1\"},\"capabilities\":{\"supports_question\":true}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{\"protocol_version\":\"1.10\","
                    + "\"external_tools\":[{\"name\":\"ext\",\"description\":\"d\",\"parameters\":{\"type\":\"object\"}}],"
                    + "\"hooks\":[{\"id\":\"h\",\"event\":\"Stop\",\"matcher\":\"\",\"timeout\":3}]}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"p1\",\"method\":\"prompt\",\"params\":{\"user_input\":\"hello\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"p2\",\"method\":\"prompt\",\"params\":{\"user_input\":[{\"type\":\"text\",\"text\":\"hi\"},"
                    + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\",\"id\":null}}]}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"steer\",\"params\":{\"user_input\":\"more\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"c1\",\"method\":\"cancel\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"method\":\"replay\",\"params\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"m1\",\"method\":\"set_plan_mode\",\"params\":{\"enabled\":true}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"x1\",\"result\":{\"request_id\":\"x1\",\"response\":\"approve\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"x2\",\"error\":{\"code\":-32000,\"message\":\"no\",\"data\":null}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"cancel\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"e1\",\"method\":\"event\",\"params\":{\"type\":\"TurnBegin\",\"payload\":{}}}");

    static final Set<Integer> ACP_CODES = Set.of(-32700, -32600, -32601, -32602, -32603, -32800, -32000, -32002);

    /** ACP seeds; {@code SESSION} and {@code CWD} are replaced by a live session of the fuzzed server. */
    static final List<String> ACP_SEEDS = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":1,\"clientCapabilities\":"
                    + "{\"fs\":{\"readTextFile\":false,\"writeTextFile\":false},\"terminal\":false},\"clientInfo\":{\"name\":\"f\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session/new\",\"params\":{\"cwd\":\"CWD\",\"mcpServers\":[]}}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"session/prompt\",\"params\":{\"sessionId\":\"SESSION\",\"prompt\":"
                    + "[{\"type\":\"text\",\"text\":\"hi\"},{\"type\":\"image\",\"data\":\"AAAA\",\"mimeType\":\"image/png\"},"
                    + "{\"type\":\"resource_link\",\"uri\":\"file:///x\",\"name\":\"x\"},"
                    + "{\"type\":\"resource\",\"resource\":{\"uri\":\"file:///y\",\"text\":\"y\"}}]}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"session/cancel\",\"params\":{\"sessionId\":\"SESSION\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"l\",\"method\":\"session/load\",\"params\":{\"sessionId\":\"SESSION\",\"cwd\":\"CWD\",\"mcpServers\":[]}}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"session/list\",\"params\":{\"cwd\":\"CWD\",\"cursor\":null}}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"session/set_mode\",\"params\":{\"sessionId\":\"SESSION\",\"modeId\":\"yolo\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"session/set_config_option\",\"params\":{\"sessionId\":\"SESSION\","
                    + "\"configId\":\"thinking\",\"value\":\"on\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"session/resume\",\"params\":{\"sessionId\":\"SESSION\",\"cwd\":\"CWD\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"authenticate\",\"params\":{\"methodId\":\"login\"}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancel_request\",\"params\":{\"requestId\":2}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"0\",\"result\":{\"outcome\":{\"outcome\":\"selected\",\"optionId\":\"allow_once\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"fs/read_text_file\",\"params\":{\"sessionId\":\"SESSION\",\"path\":\"/etc/hostname\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"_vendor/ext\",\"params\":{}}");

    /**
     * Lines fed to one server process; longer runs use several. Fuzzed prompts and loads that happen to be
     * valid grow one session's history, and every valid load replays all of it, so one process's work grows
     * with the square of its lines.
     */
    static final int PER_PROCESS = 100_000;

    @TempDir
    Path temp;

    /**
     * A frame of a Java stack trace, {@code at a.b.C.m(C.java:12)} (module prefix allowed). Only a frame counts: the answer to an unknown
     * method echoes the fuzzed method name, and a million random names do contain "\tat " or "Exception:".
     */
    private static final Pattern STACK_FRAME =
            Pattern.compile("at [\\w$/]+(\\.[\\w$]+)+\\((?:[\\w$]+\\.java:\\d+|Native Method|Unknown Source)\\)");

    /** What the answers to a bulk of hostile lines looked like. */
    record Tally(LongAdder answers, Map<Integer, LongAdder> codes, AtomicReference<String> badError) {
        Tally() {
            this(new LongAdder(), new ConcurrentHashMap<>(), new AtomicReference<>());
        }

        void see(JsonNode message, Set<Integer> allowed) {
            if (message.has("method")) {
                return;
            }
            answers.increment();
            JsonNode error = message.get("error");
            if (error != null) {
                int code = error.path("code").asInt();
                codes.computeIfAbsent(code, c -> new LongAdder()).increment();
                if (!allowed.contains(code) || STACK_FRAME.matcher(error.toString()).find()) {
                    badError.compareAndSet(null, message.toString());
                }
            }
        }
    }

    @Test
    void theStackTraceCheckSeesFramesNotWords() {
        String trace = new TextNode("java.lang.IllegalStateException: boom\n"
                + "\tat dev.agentserver.server.acp.AcpServer.prompt(AcpServer.java:212)\n"
                + "\tat java.base/java.lang.Thread.run(Thread.java:1474)").toString();
        assertTrue(STACK_FRAME.matcher(trace).find(), trace);
        String noise = new TextNode("Method not found: x\tat Exception: $ at java.y(")
                .toString();
        assertFalse(STACK_FRAME.matcher(noise).find(), noise);
    }

    @Test
    void wireSurvivesSeededHostileLines() throws Exception {
        int lines = Integer.getInteger("conformance.fuzz.lines", Seeds.scale(60_000, 1_000_000));
        String scenario = "fuzz/wire";
        long seed = Seeds.seed(scenario);
        Seeds.run(scenario, seed, () -> {
            ScriptedConfig config = new ScriptedConfig(temp, List.of());
            Random random = new Random(seed);
            for (int done = 0; done < lines; done += PER_PROCESS) {
                try (ServerProcess server = config.startWire()) {
                    fuzz(server, new LineFuzzer(random, WIRE_SEEDS), Math.min(PER_PROCESS, lines - done), WIRE_CODES);
                    // The next valid requests are answered: a handshake (retried while a fuzzed turn still runs)
                    // and a prompt, framed as a turn.
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        String id = "init-after-fuzz-" + System.nanoTime();
                        server.request(id, "initialize", "{\"protocol_version\":\"1.10\"}");
                        JsonNode answer = server.untilAnswer(id).getLast();
                        return answer.path("result").path("protocol_version").asText().equals("1.10");
                    });
                    server.request("prompt-after-fuzz", "prompt", "{\"user_input\":\"still there?\"}");
                    List<JsonNode> turn = server.untilAnswer("prompt-after-fuzz");
                    assertEquals("TurnBegin", turn.getFirst().path("params").path("type").asText(), turn.toString());
                    assertTrue(server.isAlive());
                }
            }
        });
    }

    @Test
    void acpSurvivesSeededHostileLines() throws Exception {
        int lines = Integer.getInteger("conformance.fuzz.lines", Seeds.scale(60_000, 1_000_000));
        String scenario = "fuzz/acp";
        long seed = Seeds.seed(scenario);
        Seeds.run(scenario, seed, () -> {
            ScriptedConfig config = new ScriptedConfig(temp, List.of());
            Random random = new Random(seed);
            for (int done = 0; done < lines; done += PER_PROCESS) {
                try (ServerProcess server = ServerProcess.start(List.of("acp", "--config-file", config.configFile.toString()),
                        config.env(), config.workDir)) {
                    server.request("init", "initialize", "{\"protocolVersion\":1,\"clientCapabilities\":{}}");
                    server.untilAnswer("init");
                    server.request("new", "session/new", "{\"cwd\":\"" + config.workDir + "\",\"mcpServers\":[]}");
                    String session = server.untilAnswer("new").getLast().path("result").path("sessionId").asText();
                    List<String> seeds = ACP_SEEDS.stream()
                            .map(line -> line.replace("SESSION", session).replace("CWD", config.workDir.toString())).toList();
                    fuzz(server, new LineFuzzer(random, seeds), Math.min(PER_PROCESS, lines - done), ACP_CODES);
                    server.request("new-after", "session/new", "{\"cwd\":\"" + config.workDir + "\",\"mcpServers\":[]}");
                    JsonNode created = server.untilAnswer("new-after").getLast();
                    assertTrue(created.path("result").path("sessionId").isTextual(), "a valid request after the fuzz: " + created);
                    assertTrue(server.isAlive());
                }
            }
        });
    }

    /**
     * Sends {@code count} fuzzed lines plus the classics in bulk (chunks written as fast as the pipe takes
     * them), sampling RSS between chunks; then a probe that must be answered with its id.
     */
    static void fuzz(ServerProcess server, LineFuzzer fuzzer, int count, Set<Integer> allowedCodes) throws Exception {
        server.request("warm", "conformance/warm-up", null);
        // By id: a notification of the set-up (ACP's available_commands_update after session/new) may come first.
        server.untilAnswer("warm", Duration.ofSeconds(60));
        String probe = "probe-" + System.nanoTime();
        Tally tally = new Tally();
        server.retainOnly(m -> probe.equals(m.path("id").asText(null)));
        server.observe(m -> tally.see(m, allowedCodes));
        AtomicLong peakRss = new AtomicLong();
        long startRss = server.rssKb();
        List<byte[]> classics = LineFuzzer.classics();
        int sent = 0;
        int chunk = 2_000;
        for (byte[] line : classics) {
            server.sendBytes((new String(line, StandardCharsets.ISO_8859_1) + "\n").getBytes(StandardCharsets.ISO_8859_1), 1);
            sent++;
        }
        while (sent < count + classics.size()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int inChunk = 0;
            for (; inChunk < chunk && sent + inChunk < count + classics.size(); inChunk++) {
                out.writeBytes(fuzzer.next());
                out.write('\n');
            }
            try {
                server.sendBytes(out.toByteArray(), inChunk);
            } catch (IOException pipe) {
                server.waitForExit(Duration.ofSeconds(10));
                throw new AssertionError("the server stopped reading after about " + sent + " hostile lines (alive: "
                        + server.isAlive() + (server.isAlive() ? "" : ", exit code " + server.exitCode()) + "):\n"
                        + tail(server), pipe);
            }
            sent += inChunk;
            long rss = server.rssKb();
            peakRss.accumulateAndGet(rss, Math::max);
            assertTrue(rss < RSS_BOUND_KB, "RSS " + rss + " kB after " + sent + " hostile lines exceeds the bound of "
                    + RSS_BOUND_KB + " kB");
            assertTrue(server.isAlive(), "the server died after " + sent + " hostile lines:\n" + tail(server));
        }
        ConformanceReport.fuzzCases(sent);
        server.sendLine("{\"jsonrpc\":\"2.0\",\"id\":\"" + probe + "\",\"method\":\"conformance/probe\"}");
        // By id as well: whatever the set-up sent before only the probe's answer was kept is passed over.
        JsonNode answer = server.untilAnswer(probe, Duration.ofSeconds(120)).getLast();
        assertEquals(-32601, answer.path("error").path("code").asInt(), "the probe after the hostile lines: " + answer);
        server.retainOnly(m -> true);
        server.observe(null);
        assertTrue(server.violations().isEmpty(), "stdout carried non-protocol lines: " + server.violations());
        assertTrue(tally.badError().get() == null, "an error outside the protocol's codes or with a stack trace: "
                + tally.badError().get());
        long finalRss = server.rssKb();
        System.out.printf("[conformance] %d hostile lines: %d answers %s; RSS %d kB at start, peak %d kB, %d kB after%n",
                sent, tally.answers().sum(), tally.codes(), startRss, peakRss.get(), finalRss);
        tally.codes().forEach((code, n) -> ConformanceReport.note("fuzz answers with error " + code, n.sum()));
    }

    private static String tail(ServerProcess server) {
        String err = server.stderr();
        return err.substring(Math.max(0, err.length() - 4000));
    }

    @Test
    void aHundredMegabyteLineGetsAnErrorWithinAFixedBound() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("text: ok"));
        try (ServerProcess server = config.startWire("--yolo")) {
            server.request("before", "initialize", "{\"protocol_version\":\"1.10\"}");
            server.untilAnswer("before");
            long before = server.rssKb();
            byte[] head = "{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"method\":\"prompt\",\"params\":{\"user_input\":\""
                    .getBytes(StandardCharsets.UTF_8);
            byte[] mib = "A".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
            server.sendBytes(head, 0);
            long peak = 0;
            for (int i = 0; i < 100; i++) {
                server.sendBytes(mib, 0);
                if (i % 10 == 9) {
                    peak = Math.max(peak, server.rssKb());
                }
            }
            server.sendBytes("\"}}\n".getBytes(StandardCharsets.UTF_8), 1);
            ConformanceReport.fuzzCases(1);
            JsonNode error = server.next(Duration.ofSeconds(60));
            long hwm = server.peakRssKb();
            System.out.printf("[conformance] 100 MB line: RSS %d kB before, %d kB peak sampled, VmHWM %d kB%n",
                    before, peak, hwm);
            assertTrue(hwm < BIG_LINE_PEAK_BOUND_KB, "peak RSS " + hwm + " kB across a 100 MB line exceeds "
                    + BIG_LINE_PEAK_BOUND_KB + " kB");
            assertTrue(error.has("error"), "a 100 MB line is answered with an error: " + error);
            assertTrue(error.get("id").isNull() || "big".equals(error.get("id").asText()), error.toString());
            int code = error.path("error").path("code").asInt();
            assertTrue(code == -32600 || code == -32700, "an invalid-request or parse error: " + error);
            server.request("after", "prompt", "{\"user_input\":\"hi\"}");
            List<JsonNode> turn = server.untilAnswer("after");
            assertEquals("finished", turn.getLast().path("result").path("status").asText(), turn.toString());
        }
    }
}
