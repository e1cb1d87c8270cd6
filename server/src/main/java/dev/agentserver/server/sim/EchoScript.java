package dev.agentserver.server.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one script of the echo DSL (the wire protocol reference, §13) into the reply the simulated chat API
 * streams. One directive per line; blank lines, {@code #} comments and code fences are skipped:
 * {@code text:}, {@code think:}, {@code id:}, {@code usage:}, {@code tool_call:}, {@code tool_call_part:},
 * {@code error:} and the media lines. Media parts have no form in a chat-completions stream and are skipped.
 * An {@code error:} line makes the whole reply that error.
 */
final class EchoScript {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Set<String> MEDIA = Set.of("image_url", "audio_url", "video_url");

    private final String defaultMessageId;
    private String messageId;
    private final List<ObjectNode> deltas = new ArrayList<>();
    private ChatReply.Usage usage;
    private int toolCalls;
    private boolean sawMedia;

    private EchoScript(String defaultMessageId) {
        this.defaultMessageId = defaultMessageId;
    }

    /** @param defaultMessageId the completion id when the script has no {@code id:} line */
    static ChatReply parse(String script, String defaultMessageId) {
        return new EchoScript(defaultMessageId).read(script);
    }

    private ChatReply read(String script) {
        String[] lines = script.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("```")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                return invalid(i + 1, line);
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            try {
                ChatReply failure = directive(key, value);
                if (failure != null) {
                    return failure;
                }
            } catch (IllegalArgumentException | JsonProcessingException e) {
                return invalid(i + 1, line);
            }
        }
        if (deltas.isEmpty()) {
            return new ChatReply.Failure(400, sawMedia
                    ? "the script has only media parts, which a chat-completions stream cannot carry"
                    : "the script has no streamable parts");
        }
        return new ChatReply.Streamed(messageId == null ? defaultMessageId : messageId, deltas, toolCalls > 0, usage);
    }

    /** Applies one directive; returns the reply when the directive decides the whole reply (an error). */
    private ChatReply directive(String key, String value) throws JsonProcessingException {
        switch (key) {
            case "text" -> deltas.add(JSON.createObjectNode().put("content", value));
            case "think" -> deltas.add(JSON.createObjectNode().put("reasoning_content", value));
            case "id" -> messageId = value;
            case "usage" -> usage = usage(value);
            case "tool_call" -> toolCall(value);
            case "tool_call_part" -> toolCallPart(value);
            case "error" -> {
                return error(value);
            }
            default -> {
                if (!MEDIA.contains(key)) {
                    throw new IllegalArgumentException("unknown directive " + key);
                }
                sawMedia = true;
            }
        }
        return null;
    }

    private void toolCall(String value) throws JsonProcessingException {
        JsonNode call = JSON.readTree(value);
        if (!call.isObject() || !call.path("name").isTextual()) {
            throw new IllegalArgumentException("a tool_call needs a name");
        }
        String id = call.path("id").isTextual() ? call.get("id").textValue() : "call_sim_" + (toolCalls + 1);
        JsonNode arguments = call.get("arguments");
        String argumentText = arguments == null || arguments.isNull() ? ""
                : arguments.isTextual() ? arguments.textValue() : JSON.writeValueAsString(arguments);
        ObjectNode fragment = toolCallFragment(toolCalls);
        fragment.put("id", id).put("type", "function");
        fragment.putObject("function").put("name", call.get("name").textValue()).put("arguments", argumentText);
        toolCalls++;
    }

    private void toolCallPart(String value) throws JsonProcessingException {
        if (toolCalls == 0) {
            throw new IllegalArgumentException("tool_call_part before any tool_call");
        }
        if (value.isEmpty()) {
            return; // "an empty value means null": nothing to stream
        }
        JsonNode part = JSON.readTree(value).path("arguments_part");
        if (part.isTextual() && !part.textValue().isEmpty()) {
            toolCallFragment(toolCalls - 1).putObject("function").put("arguments", part.textValue());
        }
    }

    private ObjectNode toolCallFragment(int index) {
        ObjectNode delta = JSON.createObjectNode();
        ObjectNode fragment = delta.putArray("tool_calls").addObject().put("index", index);
        deltas.add(delta);
        return fragment;
    }

    private static ChatReply error(String value) {
        String[] parts = value.split("\\s+", 2);
        String message = parts.length > 1 ? parts[1] : "";
        return switch (parts[0]) {
            case "connection" -> new ChatReply.Disconnect();
            case "timeout" -> new ChatReply.Silence();
            default -> {
                int status = Integer.parseInt(parts[0]);
                if (status < 400 || status > 599) {
                    throw new IllegalArgumentException("an error status is 4xx or 5xx");
                }
                yield new ChatReply.Failure(status, message.isEmpty() ? "scripted error " + status : message);
            }
        };
    }

    /** {@code {"input_other":5,"output":2}} or {@code input_other=5 output=2}. */
    private static ChatReply.Usage usage(String value) throws JsonProcessingException {
        JsonNode counts;
        if (value.startsWith("{")) {
            counts = JSON.readTree(value);
        } else {
            ObjectNode pairs = JSON.createObjectNode();
            for (String pair : value.split("\\s+")) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("usage pairs are name=number");
                }
                pairs.put(kv[0], Long.parseLong(kv[1]));
            }
            counts = pairs;
        }
        return new ChatReply.Usage(counts.path("input_other").asLong(0), counts.path("output").asLong(0),
                counts.path("input_cache_read").asLong(0), counts.path("input_cache_creation").asLong(0));
    }

    private static ChatReply invalid(int lineNumber, String line) {
        return new ChatReply.Failure(400, "Invalid echo DSL at line " + lineNumber + ": '" + line + "'");
    }
}
