package dev.agentserver.conformance.acp;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.conformance.ConformanceReport;
import dev.agentserver.conformance.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A minimal ACP client over {@code bin/agent-server acp}: numbered requests (from 0, as the TS SDK), the
 * agent's requests answered by policy (permissions, and {@code fs/*} when advertised), and every message the
 * agent writes validated against the schema by method as it arrives ({@link #close()} fails on any problem).
 */
public final class AcpClient implements AutoCloseable {

    /** Everything that arrived up to and including the answer of one request. */
    public record Exchange(List<JsonNode> messages, JsonNode response) {
        public List<JsonNode> updates() {
            return messages.stream().filter(m -> "session/update".equals(m.path("method").asText()))
                    .map(m -> m.path("params").path("update")).toList();
        }

        public List<JsonNode> agentRequests() {
            return messages.stream().filter(m -> m.has("method") && m.has("id")).toList();
        }

        public JsonNode result() {
            return response.path("result");
        }

        public JsonNode error() {
            return response.path("error");
        }

        public boolean ok() {
            return response.has("result");
        }
    }

    public final ServerProcess server;
    private final Map<String, String> pending = new ConcurrentHashMap<>();
    private final List<String> schemaProblems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong validated = new AtomicLong();
    private volatile Function<JsonNode, JsonNode> permissions = AcpClient::allowOnce;
    private JsonNode initializeResult;

    private AcpClient(ServerProcess server) {
        this.server = server;
        server.observe(this::validate);
    }

    /** {@code bin/agent-server acp} with {@code extraArgs}. */
    public static AcpClient start(List<String> extraArgs, Map<String, String> env, Path cwd) throws IOException {
        List<String> args = new ArrayList<>(List.of("acp"));
        args.addAll(extraArgs);
        return new AcpClient(ServerProcess.start(args, env, cwd));
    }

    private void validate(JsonNode message) {
        String method = null;
        if (!message.has("method") && message.has("id")) {
            method = pending.remove(message.get("id").toString());
        }
        List<String> problems = AcpSchema.V1.problems(message, method);
        validated.incrementAndGet();
        if (!problems.isEmpty() && schemaProblems.size() < 50) {
            String text = message.toString();
            schemaProblems.add((method == null ? message.path("method").asText("(answer)") : method) + ": " + problems
                    + " in " + (text.length() > 600 ? text.substring(0, 600) + "..." : text));
        }
    }

    public static JsonNode allowOnce(JsonNode params) {
        return select(params, "allow_once");
    }

    /** A permission answer choosing the first option of {@code kind}. */
    public static JsonNode select(JsonNode params, String kind) {
        for (JsonNode option : params.path("options")) {
            if (kind.equals(option.path("kind").asText())) {
                ObjectNode result = ServerProcess.JSON.createObjectNode();
                result.putObject("outcome").put("outcome", "selected").put("optionId", option.path("optionId").asText());
                return result;
            }
        }
        throw new AssertionError("no permission option of kind " + kind + ": " + params);
    }

    public static JsonNode cancelledOutcome(JsonNode params) {
        ObjectNode result = ServerProcess.JSON.createObjectNode();
        result.putObject("outcome").put("outcome", "cancelled");
        return result;
    }

    public void onPermission(Function<JsonNode, JsonNode> policy) {
        permissions = policy;
    }

    /** Sends a request; returns its id as JSON text. */
    public String send(String method, Object params) throws IOException {
        long id = ids.getAndIncrement();
        String key = Long.toString(id);
        pending.put(key, method);
        ObjectNode message = ServerProcess.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params instanceof String s ? ServerProcess.JSON.readTree(s) : ServerProcess.JSON.valueToTree(params));
        }
        server.send(message);
        return key;
    }

    public void notify(String method, Object params) throws IOException {
        ObjectNode message = ServerProcess.JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        message.set("params", params instanceof String s ? ServerProcess.JSON.readTree(s) : ServerProcess.JSON.valueToTree(params));
        server.send(message);
    }

    public Exchange call(String method, Object params) throws Exception {
        return await(send(method, params));
    }

    public Exchange await(String id) throws Exception {
        return await(id, Duration.ofSeconds(30));
    }

    /** Reads up to the answer of request {@code id}, answering the agent's requests on the way. */
    public Exchange await(String id, Duration eachWait) throws Exception {
        List<JsonNode> seen = new ArrayList<>();
        while (true) {
            JsonNode message = server.next(eachWait);
            if (message.has("method") && message.has("id")) {
                seen.add(message);
                answer(message);
            } else if (!message.has("method") && id.equals(message.path("id").toString())) {
                return new Exchange(seen, message);
            } else {
                seen.add(message);
            }
        }
    }

    private void answer(JsonNode request) throws IOException {
        ObjectNode response = ServerProcess.JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", request.get("id"));
        JsonNode params = request.path("params");
        try {
            switch (request.path("method").asText()) {
                case "session/request_permission" -> response.set("result", permissions.apply(params));
                case "fs/read_text_file" -> response.putObject("result").put("content",
                        Files.readString(Path.of(params.path("path").asText())));
                case "fs/write_text_file" -> {
                    Files.writeString(Path.of(params.path("path").asText()), params.path("content").asText());
                    response.putObject("result");
                }
                default -> response.putObject("error").put("code", -32601).put("message", "Method not found");
            }
        } catch (IOException e) {
            response.remove("result");
            response.putObject("error").put("code", -32002).put("message", "Resource not found");
        }
        server.send(response);
    }

    public JsonNode initialize() throws Exception {
        Exchange exchange = call("initialize", """
                {"protocolVersion":1,"clientCapabilities":{"fs":{"readTextFile":false,"writeTextFile":false},"terminal":false},
                 "clientInfo":{"name":"conformance","version":"1"}}""");
        if (!exchange.ok()) {
            fail("initialize failed: " + exchange.response());
        }
        initializeResult = exchange.result();
        return initializeResult;
    }

    public JsonNode initializeResult() {
        return initializeResult;
    }

    /** {@code session/new} for {@code cwd}; returns the exchange (the answer may be an auth_required error). */
    public Exchange newSession(Path cwd) throws Exception {
        return call("session/new", ServerProcess.JSON.createObjectNode().put("cwd", cwd.toString()).set("mcpServers",
                ServerProcess.JSON.createArrayNode()));
    }

    public String newSessionId(Path cwd) throws Exception {
        Exchange exchange = newSession(cwd);
        if (!exchange.ok()) {
            fail("session/new failed: " + exchange.response() + "\n" + server.stderr());
        }
        return exchange.result().path("sessionId").asText();
    }

    public static ObjectNode promptParams(String sessionId, String text) {
        ObjectNode params = ServerProcess.JSON.createObjectNode().put("sessionId", sessionId);
        params.putArray("prompt").addObject().put("type", "text").put("text", text);
        return params;
    }

    public Exchange prompt(String sessionId, String text) throws Exception {
        return call("session/prompt", promptParams(sessionId, text));
    }

    public List<String> schemaProblems() {
        synchronized (schemaProblems) {
            return List.copyOf(schemaProblems);
        }
    }

    public void assertSchemaClean() {
        List<String> problems = schemaProblems();
        if (!problems.isEmpty()) {
            fail("ACP messages that do not match the schema:\n  " + String.join("\n  ", problems));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            ConformanceReport.note("acp messages validated against schema.json", validated.get());
            assertSchemaClean();
        }
    }
}
