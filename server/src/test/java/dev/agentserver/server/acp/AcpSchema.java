package dev.agentserver.server.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ACP v1 schema of the shared reference, checking what the agent writes: each message against its
 * envelope ({@code AgentResponse}, {@code AgentRequest}, {@code AgentNotification}), and its params or
 * result against the definition the schema names for that method ({@code x-method} / {@code x-side}).
 */
final class AcpSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static final AcpSchema V1 = new AcpSchema(locate());

    private final ObjectNode root;
    /** Results of the methods the agent handles, by method: {@code session/new -> NewSessionResponse}. */
    private final Map<String, String> resultDefs = new HashMap<>();
    /** Params of what the agent sends, by method: {@code session/update -> SessionNotification}. */
    private final Map<String, String> outgoingParamDefs = new HashMap<>();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private AcpSchema(Path file) {
        try {
            root = (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, JsonNode> def : root.get("$defs").properties()) {
            JsonNode method = def.getValue().get("x-method");
            String side = def.getValue().path("x-side").asText();
            if (method == null) {
                continue;
            }
            String name = def.getKey();
            if (side.equals("agent") && name.endsWith("Response")) {
                resultDefs.put(method.asText(), name);
            } else if (side.equals("client") && (name.endsWith("Request") || name.endsWith("Notification"))) {
                outgoingParamDefs.put(method.asText(), name);
            }
        }
    }

    /** The shared reference lives beside the repository (as {@code ../shared}) on every machine that builds it. */
    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/reference/acp/schema.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/reference/acp/schema.json not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * What is wrong with one message the agent wrote.
     *
     * @param requestMethod for a response, the method of the request it answers (null when unknown)
     */
    List<String> problems(JsonNode message, String requestMethod) {
        List<String> problems = new ArrayList<>();
        if (!"2.0".equals(message.path("jsonrpc").asText())) {
            problems.add("jsonrpc is not \"2.0\"");
        }
        if (message.has("method")) {
            String method = message.get("method").asText();
            problems.addAll(check(message.has("id") ? "AgentRequest" : "AgentNotification", message));
            String paramsDef = outgoingParamDefs.get(method);
            if (paramsDef == null) {
                problems.add("the agent sent " + method + ", which the schema does not have it send");
            } else {
                problems.addAll(check(paramsDef, message.path("params")));
            }
        } else {
            problems.addAll(check("AgentResponse", message));
            if (message.has("error")) {
                problems.addAll(check("Error", message.get("error")));
            } else if (requestMethod != null) {
                problems.addAll(check(resultDefs.get(requestMethod), message.path("result")));
            }
        }
        return problems;
    }

    private List<String> check(String defName, JsonNode value) {
        JsonSchema schema = compiled.computeIfAbsent(defName, this::compile);
        Set<ValidationMessage> messages = schema.validate(value);
        return messages.stream().map(m -> defName + ": " + m.getMessage()).toList();
    }

    private JsonSchema compile(String defName) {
        if (!root.get("$defs").has(defName)) {
            throw new IllegalArgumentException("the schema has no definition " + defName);
        }
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.put("$schema", root.get("$schema").asText());
        wrapper.set("$defs", root.get("$defs"));
        wrapper.put("$ref", "#/$defs/" + defName);
        return FACTORY.getSchema(wrapper);
    }
}
