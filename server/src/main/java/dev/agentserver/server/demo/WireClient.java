package dev.agentserver.server.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The client side of the wire protocol over a child process's stdin/stdout: one JSON object per line each
 * way. stdout lines are read on a virtual thread into a queue; stderr is kept (the last lines) to explain
 * a failure.
 */
final class WireClient implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int STDERR_LINES_KEPT = 40;
    /** Put in the queue when stdout ends, so that a waiting reader learns at once that nothing more comes. */
    private static final JsonNode END_OF_OUTPUT = JSON.createObjectNode().put("end_of_output", true);

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();

    private WireClient(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread.ofVirtual().name("wire-stdout").start(this::readStdout);
        Thread.ofVirtual().name("wire-stderr").start(this::readStderr);
    }

    static WireClient start(ProcessBuilder builder) throws IOException {
        return new WireClient(builder.start());
    }

    void send(ObjectNode message) throws ChildProcessFailure {
        try {
            stdin.write((message + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new ChildProcessFailure("cannot write to the server (" + e.getMessage() + ")" + stderrHint());
        }
    }

    /** The next message from the server. */
    JsonNode next(Duration timeout) throws ChildProcessFailure {
        JsonNode message;
        try {
            message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildProcessFailure("interrupted while waiting for the server");
        }
        if (message == null) {
            throw new ChildProcessFailure("the server sent nothing for " + timeout.toSeconds() + " s" + stderrHint());
        }
        if (message == END_OF_OUTPUT) {
            throw new ChildProcessFailure("the server closed its output" + stderrHint());
        }
        return message;
    }

    /** Ends the session the way a client should (end of input), then makes sure the process is gone. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException alreadyGone) {
            // the process ended on its own
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    String stderrHint() {
        List<String> tail;
        synchronized (stderrTail) {
            tail = List.copyOf(stderrTail);
        }
        return tail.isEmpty() ? "" : "; its stderr ended with:\n  " + String.join("\n  ", tail);
    }

    private void readStdout() {
        try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    messages.add(parse(line));
                }
            }
        } catch (IOException ignored) {
            // the process went away; END_OF_OUTPUT below says so
        }
        messages.add(END_OF_OUTPUT);
    }

    /** stdout carries protocol only; anything else is reported as the protocol error it is. */
    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode().put("jsonrpc", "2.0").putNull("id")
                    .set("error", JSON.createObjectNode().put("code", -32700)
                            .put("message", "the server wrote a non-JSON line on stdout: " + line));
        }
    }

    private void readStderr() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_LINES_KEPT) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        } catch (IOException ignored) {
            // nothing more to keep
        }
    }
}
