package dev.agentserver.conformance.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.agentserver.conformance.ServerProcess;
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
 * ACP v1's schema ({@code shared/reference/acp/schema.json}, found beside the repository), checking every
 * message the agent writes by method: the envelope ({@code AgentResponse}, {@code AgentRequest},
 * {@code AgentNotification}), then the params of what it sends, or the result of the request it answers,
 * against the definition whose {@code x-method} / {@code x-side} names that method; errors against
 * {@code Error}.
 */
final class AcpSchema {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static final AcpSchema V1 = new AcpSchema(locate());

    private final ObjectNode root;
    private final Map<String, String> resultDefs = new HashMap<>();
    private final Map<String, String> agentSentDefs = new HashMap<>();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private AcpSchema(Path file) {
        try {
            root = (ObjectNode) ServerProcess.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, JsonNode> def : root.get("$defs").properties()) {
            JsonNode method = def.getValue().get("x-method");
            if (method == null) {
                continue;
            }
            String side = def.getValue().path("x-side").asText();
            String name = def.getKey();
            if (side.equals("agent") && name.endsWith("Response")) {
                resultDefs.put(method.asText(), name);
            } else if ((side.equals("client") || side.equals("protocol"))
                    && (name.endsWith("Request") || name.endsWith("Notification"))) {
                agentSentDefs.put(method.asText(), name);
            }
        }
    }

    static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/reference/acp/schema.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/reference/acp/schema.json not found above " + Path.of("").toAbsolutePath());
    }

    /** The definitions the schema has for results of agent methods, by method. */
    Map<String, String> resultDefinitions() {
        return resultDefs;
    }

    /**
     * What is wrong with one message the agent wrote; {@code requestMethod} is, for a response, the method of
     * the request it answers (null when it answers none of ours, e.g. {@code id: null}).
     */
    List<String> problems(JsonNode message, String requestMethod) {
        List<String> problems = new ArrayList<>();
        if (message.has("method")) {
            String method = message.get("method").asText();
            problems.addAll(check(message.has("id") ? "AgentRequest" : "AgentNotification", message));
            String def = agentSentDefs.get(method);
            if (def == null) {
                problems.add("the schema has the agent send no " + method);
            } else {
                problems.addAll(check(def, message.path("params")));
            }
        } else {
            problems.addAll(check("AgentResponse", message));
            if (message.has("error")) {
                problems.addAll(check("Error", message.get("error")));
            } else if (requestMethod != null) {
                String def = resultDefs.get(requestMethod);
                if (def == null) {
                    problems.add("the schema has no result for " + requestMethod);
                } else {
                    problems.addAll(check(def, message.path("result")));
                }
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
        ObjectNode wrapper = ServerProcess.JSON.createObjectNode();
        wrapper.put("$schema", root.get("$schema").asText());
        wrapper.set("$defs", root.get("$defs"));
        wrapper.put("$ref", "#/$defs/" + defName);
        return FACTORY.getSchema(wrapper);
    }
}
