package dev.agentserver.server.llm.scripted;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentserver.server.json.SharedMapper;
import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.TokenUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one script of the echo DSL (wire reference §13): one {@code key: value} directive a line;
 * blank lines, {@code #} comments and code fences are skipped. A line that is not a valid directive is
 * an error naming the line, in the reference's words.
 */
public final class EchoScriptParser {


    /** A script line that is not a directive; the message is {@code Invalid echo DSL at line N: '<line>'}. */
    public static final class InvalidScriptException extends Exception {
        InvalidScriptException(int lineNumber, String line) {
            super("Invalid echo DSL at line " + lineNumber + ": '" + line + "'", null, false, false);
        }
    }

    private EchoScriptParser() {
    }

    public static List<EchoDirective> parse(String script) throws InvalidScriptException {
        List<EchoDirective> directives = new ArrayList<>();
        String[] lines = script.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("```")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new InvalidScriptException(i + 1, line);
            }
            try {
                directives.add(directive(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
            } catch (IllegalArgumentException | JsonProcessingException e) {
                throw new InvalidScriptException(i + 1, line);
            }
        }
        return directives;
    }

    private static EchoDirective directive(String key, String value) throws JsonProcessingException {
        return switch (key) {
            case "text" -> new EchoDirective.Text(value);
            case "think" -> new EchoDirective.Think(value);
            case "id" -> new EchoDirective.MessageId(value);
            case "usage" -> new EchoDirective.Usage(usage(value));
            case "tool_call" -> toolCall(object(value));
            case "tool_call_part" -> new EchoDirective.ToolCallPart(value.isEmpty() ? null : textOrNull(object(value).get("arguments_part")));
            case "image_url", "audio_url", "video_url" -> new EchoDirective.Media(media(key, value));
            case "error" -> error(value);
            default -> throw new IllegalArgumentException("unknown directive " + key);
        };
    }

    private static EchoDirective toolCall(JsonNode call) {
        if (!call.path("name").isTextual()) {
            throw new IllegalArgumentException("a tool_call needs a name");
        }
        return new EchoDirective.ToolCall(textOrNull(call.get("id")), call.get("name").textValue(),
                textOrNull(call.get("arguments")));
    }

    /** A JSON string as its text, any other JSON value as its JSON text, null as null. */
    private static String textOrNull(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }

    /** {@code {"input_other":5,"output":2}} or {@code input_other=5 output=2}. */
    private static TokenUsage usage(String value) throws JsonProcessingException {
        long[] counts = new long[4];
        List<String> names = List.of("input_other", "output", "input_cache_read", "input_cache_creation");
        if (value.startsWith("{")) {
            JsonNode node = object(value);
            for (int i = 0; i < names.size(); i++) {
                counts[i] = node.path(names.get(i)).asLong(0);
            }
        } else {
            for (String pair : value.split("\\s+")) {
                String[] kv = pair.split("=", 2);
                int index = names.indexOf(kv[0]);
                if (kv.length != 2 || index < 0) {
                    throw new IllegalArgumentException("usage pairs are name=number");
                }
                counts[index] = Long.parseLong(kv[1]);
            }
        }
        return new TokenUsage(counts[0], counts[1], counts[2], counts[3]);
    }

    /** A bare URL, or {@code {"url": ..., "id": ...}}. */
    private static ContentPart.Media media(String key, String value) throws JsonProcessingException {
        ContentPart.MediaKind kind = ContentPart.MediaKind.fromWireType(key);
        if (value.startsWith("{")) {
            JsonNode node = object(value);
            return new ContentPart.Media(kind, node.path("url").asText(), textOrNull(node.get("id")));
        }
        return new ContentPart.Media(kind, value, null);
    }

    private static EchoDirective error(String value) {
        String[] parts = value.split("\\s+", 2);
        String message = parts.length > 1 ? parts[1] : null;
        return switch (parts[0]) {
            case "connection" -> new EchoDirective.Error(EchoDirective.Error.Kind.CONNECTION, 0, message);
            case "timeout" -> new EchoDirective.Error(EchoDirective.Error.Kind.TIMEOUT, 0, message);
            default -> {
                int status = Integer.parseInt(parts[0]);
                if (status < 400 || status > 599) {
                    throw new IllegalArgumentException("an error status is 4xx or 5xx");
                }
                yield new EchoDirective.Error(EchoDirective.Error.Kind.STATUS, status, message);
            }
        };
    }

    private static JsonNode object(String value) throws JsonProcessingException {
        JsonNode node = SharedMapper.MAPPER.readTree(value);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a JSON object is expected");
        }
        return node;
    }
}
