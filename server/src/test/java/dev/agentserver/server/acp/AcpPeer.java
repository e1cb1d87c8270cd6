package dev.agentserver.server.acp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The editor's side of an in-process test. Every line the server writes is checked against the ACP
 * schema by method and queued in arrival order; agent requests with a registered handler are answered
 * as they arrive (and still queued, so tests can check where they came), the others wait for the test.
 */
final class AcpPeer {

    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 20;

    private final OutputStream toServer;
    private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final Map<String, String> methodsById = new ConcurrentHashMap<>();
    private final Map<String, Function<JsonObject, JsonElement>> handlers = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);

    /** Where the server writes: split into lines, each checked and queued. */
    final OutputStream fromServer = new OutputStream() {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                receive(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    };

    AcpPeer(OutputStream toServer) {
        this.toServer = toServer;
    }

    private void receive(String line) {
        JsonObject message;
        try {
            message = JsonParser.parseString(line).getAsJsonObject();
            String answered = message.has("method") ? null : methodsById.get(idKey(message.get("id")));
            for (String problem : AcpSchema.V1.problems(JACKSON.readTree(line), answered)) {
                violations.add(problem + " in " + line);
            }
        } catch (IOException | RuntimeException notJson) {
            violations.add("not a JSON object: " + line);
            return;
        }
        if (message.has("method") && message.has("id")) {
            Function<JsonObject, JsonElement> handler = handlers.get(message.get("method").getAsString());
            if (handler != null) {
                answer(message, handler.apply(params(message)));
            }
        }
        inbox.add(message);
    }

    /** Answers every future agent request of {@code method} with what {@code handler} returns for its params. */
    void onRequest(String method, Function<JsonObject, JsonElement> handler) {
        handlers.put(method, handler);
    }

    static JsonObject params(JsonObject message) {
        return message.get("params") instanceof JsonObject p ? p : new JsonObject();
    }

    /** Sends a request with the next numeric id; returns the id. */
    JsonElement request(String method, JsonObject params) {
        JsonElement id = new com.google.gson.JsonPrimitive(nextId.getAndIncrement());
        requestWithId(id, method, params);
        return id;
    }

    void requestWithId(JsonElement id, String method, JsonObject params) {
        JsonObject message = new JsonObject();
        message.addProperty("jsonrpc", "2.0");
        message.add("id", id);
        message.addProperty("method", method);
        message.add("params", params);
        methodsById.put(idKey(id), method);
        send(message.toString());
    }

    void notify(String method, JsonObject params) {
        JsonObject message = new JsonObject();
        message.addProperty("jsonrpc", "2.0");
        message.addProperty("method", method);
        message.add("params", params);
        send(message.toString());
    }

    void answer(JsonObject request, JsonElement result) {
        JsonObject message = new JsonObject();
        message.addProperty("jsonrpc", "2.0");
        message.add("id", request.get("id"));
        message.add("result", result);
        send(message.toString());
    }

    void answerError(JsonObject request, int code, String text) {
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", text);
        JsonObject message = new JsonObject();
        message.addProperty("jsonrpc", "2.0");
        message.add("id", request.get("id"));
        message.add("error", error);
        send(message.toString());
    }

    /** Writes one raw line, as a client would. */
    void send(String line) {
        try {
            synchronized (toServer) {
                toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                toServer.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the server's input. */
    void close() throws IOException {
        toServer.close();
    }

    /** The next message the server wrote. */
    JsonObject next() {
        try {
            JsonObject message = inbox.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(message, "the server wrote nothing within " + WAIT_SECONDS + " s");
            return message;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next agent request of {@code method}; everything before it must satisfy {@code allowedBefore}. */
    JsonObject nextRequest(String method) {
        List<JsonObject> before = new ArrayList<>();
        while (true) {
            JsonObject message = next();
            if (method.equals(message.has("id") && message.has("method") ? message.get("method").getAsString() : null)) {
                return message;
            }
            before.add(message);
            if (!isUpdateOrAnswered(message)) {
                fail("expected a " + method + " request, got " + message + " after " + before);
            }
        }
    }

    private boolean isUpdateOrAnswered(JsonObject message) {
        if (!message.has("method")) {
            return false;
        }
        String method = message.get("method").getAsString();
        return !message.has("id") || handlers.containsKey(method);
    }

    /** The messages up to (not including) the answer with {@code id}, and then the answer. */
    Exchange await(JsonElement id) {
        List<JsonObject> before = new ArrayList<>();
        while (true) {
            JsonObject message = next();
            if (!message.has("method") && id.equals(message.get("id"))) {
                return new Exchange(before, message);
            }
            before.add(message);
        }
    }

    Exchange call(String method, JsonObject params) {
        return await(request(method, params));
    }

    /** A successful call's result. */
    JsonObject result(String method, JsonObject params) {
        Exchange exchange = call(method, params);
        assertTrue(exchange.answer().has("result"), () -> method + " failed: " + exchange.answer());
        return exchange.answer().getAsJsonObject("result");
    }

    /** Asserts that nothing is waiting to be read. */
    void assertQuiet() {
        assertEquals(List.of(), List.copyOf(inbox), "unexpected messages from the server");
    }

    List<String> violations() {
        return violations;
    }

    private static String idKey(JsonElement id) {
        return id == null ? "null" : id.toString();
    }

    /** What a call produced: the messages the server wrote before its answer, and the answer. */
    record Exchange(List<JsonObject> before, JsonObject answer) {

        List<JsonObject> updates() {
            return before.stream().filter(m -> "session/update".equals(method(m))).map(m -> params(m).getAsJsonObject("update")).toList();
        }

        List<String> updateKinds() {
            return updates().stream().map(u -> u.get("sessionUpdate").getAsString()).toList();
        }

        List<JsonObject> requests(String method) {
            return before.stream().filter(m -> m.has("id") && method.equals(method(m))).toList();
        }

        JsonObject result() {
            assertTrue(answer.has("result"), () -> "expected a result, got " + answer);
            return answer.getAsJsonObject("result");
        }

        JsonObject error() {
            assertTrue(answer.has("error"), () -> "expected an error, got " + answer);
            return answer.getAsJsonObject("error");
        }

        static String method(JsonObject message) {
            return message.has("method") ? message.get("method").getAsString() : null;
        }
    }

    /** Matches session updates of one kind. */
    static Predicate<JsonObject> kind(String sessionUpdate) {
        return update -> sessionUpdate.equals(update.get("sessionUpdate").getAsString());
    }
}
