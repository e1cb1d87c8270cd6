package dev.agentserver.conformance;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged server as a child process, started through {@code bin/agent-server}: newline JSON in,
 * newline JSON out. Every stdout line must parse as a JSON-RPC message; anything else is recorded as a
 * violation, which {@link #close()} reports.
 */
public final class ServerProcess implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

    private final Process process;
    private final OutputStream stdin;
    private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final StringBuffer stderr = new StringBuffer();
    private volatile Predicate<JsonNode> retain = m -> true;
    private volatile java.util.function.Consumer<JsonNode> observer;
    private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
    private final Thread stderrReader;

    private ServerProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread.ofVirtual().start(this::readStdout);
        stderrReader = Thread.ofVirtual().start(this::readStderr);
    }

    /** The repository root, found from this module's directory. */
    public static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        return here.getFileName().toString().equals("conformance-tests") ? here.getParent() : here;
    }

    public static Path launcher() {
        return repoRoot().resolve("bin").resolve("agent-server");
    }

    public static ServerProcess start(List<String> args, Map<String, String> env, Path cwd) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(args);
        ConformanceReport.processStarted();
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("KIMI_") || k.startsWith("OPENAI_"));
        builder.environment().putAll(env);
        return new ServerProcess(builder.start());
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                try {
                    JsonNode node = JSON.readTree(line);
                    String problem = JsonRpcShape.problem(node);
                    if (problem != null) {
                        addViolation(problem + ": " + abbreviate(line));
                    } else {
                        received.incrementAndGet();
                        ConformanceReport.messageReceived();
                        java.util.function.Consumer<JsonNode> watcher = observer;
                        if (watcher != null) {
                            watcher.accept(node);
                        }
                        if (retain.test(node)) {
                            messages.add(node);
                        }
                    }
                } catch (IOException e) {
                    addViolation("not JSON: " + abbreviate(line));
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    private void addViolation(String violation) {
        if (violations.size() < 20) {
            violations.add(violation);
        } else if (violations.size() == 20) {
            violations.add("(more violations not kept)");
        }
    }

    private void readStderr() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (stderr.length() < 200_000) {
                    stderr.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    public void sendLine(String line) throws IOException {
        synchronized (stdin) {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }
        sent.incrementAndGet();
        ConformanceReport.messageSent();
    }

    /**
     * Writes raw bytes (any number of lines) in one go, for bulk input; {@code lines} is how many lines
     * that is, for the report.
     */
    public void sendBytes(byte[] bytes, long lines) throws IOException {
        synchronized (stdin) {
            stdin.write(bytes);
            stdin.flush();
        }
        sent.addAndGet(lines);
        ConformanceReport.messagesSent(lines);
    }

    /**
     * From now on only messages that match are queued for {@link #next()}; the others are still checked and
     * counted, and shown to the {@link #observe observer}. For bulk input, whose answers nobody reads one by one.
     */
    public void retainOnly(Predicate<JsonNode> match) {
        retain = match;
    }

    /** Sees every well-formed message, on the reader thread, before it is queued. */
    public void observe(java.util.function.Consumer<JsonNode> watcher) {
        observer = watcher;
    }

    /** How many protocol messages the server has written so far (violations not counted). */
    public long receivedCount() {
        return received.get();
    }

    /** Resident set size of the server's JVM in KiB, from {@code /proc/<pid>/status}. */
    public long rssKb() throws IOException {
        return ProcStatus.rssKb(process.pid());
    }

    /** Highest resident set size so far in KiB ({@code VmHWM}). */
    public long peakRssKb() throws IOException {
        return ProcStatus.peakRssKb(process.pid());
    }

    /** SIGKILL, and wait for the process to be gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public void send(JsonNode message) throws IOException {
        sendLine(JSON.writeValueAsString(message));
    }

    /** Sends a request with a string id; {@code params} may be null. */
    public void request(String id, String method, Object params) throws IOException {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params instanceof String s ? JSON.readTree(s) : JSON.valueToTree(params));
        }
        send(message);
    }

    public JsonNode next() throws InterruptedException {
        return next(DEFAULT_WAIT);
    }

    /**
     * The next message, waiting up to {@code wait}; fails at once (with the exit status and stderr) when the
     * server has exited and nothing is left to read.
     */
    public JsonNode next(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode message = messages.poll(Math.min(Math.max(left, 0), TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            if (message != null) {
                return message;
            }
            if (!process.isAlive() && process.waitFor(2, TimeUnit.SECONDS) && messages.isEmpty()) {
                JsonNode last = messages.poll(500, TimeUnit.MILLISECONDS); // the reader may still be draining
                if (last != null) {
                    return last;
                }
                fail("the server exited with status " + process.exitValue() + " while a message was awaited; stderr:\n"
                        + tail(stderr.toString()));
            }
            if (left <= 0) {
                fail("no message from the server within " + wait + "; stderr:\n" + tail(stderr.toString()));
            }
        }
    }

    private static String tail(String text) {
        return text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text;
    }

    /** Reads messages until one matches; returns all read, the match last. */
    public List<JsonNode> until(Predicate<JsonNode> match) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        while (true) {
            JsonNode message = next();
            seen.add(message);
            if (match.test(message)) {
                return seen;
            }
        }
    }

    /** Reads up to and including the answer (result or error) to request {@code id}. */
    public List<JsonNode> untilAnswer(String id) throws InterruptedException {
        return until(m -> !m.has("method") && id.equals(m.path("id").asText(null)));
    }

    /** As {@link #untilAnswer(String)} with a longer or shorter wait for each message. */
    public List<JsonNode> untilAnswer(String id, Duration eachWait) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        while (true) {
            JsonNode message = next(eachWait);
            seen.add(message);
            if (!message.has("method") && id.equals(message.path("id").asText(null))) {
                return seen;
            }
        }
    }

    /** The messages that arrived without being asked for, if any, without waiting. */
    public List<JsonNode> drain() {
        List<JsonNode> rest = new ArrayList<>();
        messages.drainTo(rest);
        return rest;
    }

    public void closeStdin() throws IOException {
        stdin.close();
    }

    public boolean waitForExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int exitCode() {
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public String stderr() {
        return stderr.toString();
    }

    /** All the process wrote to stderr, once it has exited and the last of it has been read. */
    public String stderrAtExit(Duration wait) throws InterruptedException {
        assertTrue(process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS), "the server exits within " + wait);
        assertTrue(stderrReader.join(wait), "stderr read to its end within " + wait);
        return stderr.toString();
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Closes stdin, waits for a clean exit, and fails on any non-protocol line seen on stdout. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        assertNotNull(process);
        if (!violations.isEmpty()) {
            fail("stdout carried non-protocol lines: " + violations + "\nstderr:\n" + stderr);
        }
    }
}
