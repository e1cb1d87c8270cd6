package dev.agentserver.server.llm.scripted;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentserver.server.llm.ChatSink;
import dev.agentserver.server.llm.ProviderException;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.TokenUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * One script of the echo DSL: one directive a line, {@code key: value}. Blank lines, {@code #} comments
 * and code fences are skipped. Directives: text, think, id, usage, tool_call, tool_call_part,
 * image_url / audio_url / video_url, and error (an HTTP status, {@code connection} or {@code timeout},
 * then an optional message). The directives replay in order, so an error after some text is a stream
 * that breaks midway.
 */
final class EchoScript {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One parsed directive, replayed against a sink. */
    @FunctionalInterface
    private interface Directive {
        void replay(ChatSink sink) throws ProviderException;
    }

    private final List<Directive> directives;

    private EchoScript(List<Directive> directives) {
        this.directives = directives;
    }

    static EchoScript parse(String script) throws ProviderException {
        List<Directive> directives = new ArrayList<>();
        boolean streamable = false;
        String[] lines = script.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("```")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw invalid(i + 1, lines[i]);
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            Directive directive = directive(key, value, i + 1, lines[i]);
            streamable |= !key.equals("id") && !key.equals("usage");
            directives.add(directive);
        }
        if (!streamable) {
            throw new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null,
                    "Echo script has no streamable parts.");
        }
        return new EchoScript(directives);
    }

    void replay(ChatSink sink, CancelSignal cancel) throws ProviderException, CancelSignal.CancelledException {
        for (Directive directive : directives) {
            cancel.throwIfCancelled();
            directive.replay(sink);
        }
        cancel.throwIfCancelled();
    }

    private static Directive directive(String key, String value, int lineNumber, String line) throws ProviderException {
        return switch (key) {
            case "text" -> sink -> sink.text(value);
            case "think" -> sink -> sink.think(value);
            case "id" -> sink -> sink.messageId(value);
            case "usage" -> {
                TokenUsage usage = usage(value, lineNumber, line);
                yield sink -> sink.usage(usage);
            }
            case "tool_call" -> {
                JsonNode call = object(value, lineNumber, line);
                String arguments = call.hasNonNull("arguments") ? text(call.get("arguments")) : null;
                yield sink -> sink.toolCallStart(call.path("id").asText(), call.path("name").asText(), arguments);
            }
            case "tool_call_part" -> {
                String part = value.isEmpty() ? null : partOf(object(value, lineNumber, line));
                yield sink -> sink.toolCallArguments(part);
            }
            case "image_url", "audio_url", "video_url" -> {
                ContentPart.Media media = media(key, value, lineNumber, line);
                yield sink -> sink.media(media);
            }
            case "error" -> error(value);
            default -> throw invalid(lineNumber, line);
        };
    }

    private static String partOf(JsonNode part) {
        JsonNode value = part.get("arguments_part");
        return value == null || value.isNull() ? null : text(value);
    }

    /** A JSON string value as its text; any other JSON value as its JSON text. */
    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static TokenUsage usage(String value, int lineNumber, String line) throws ProviderException {
        long inputOther = 0;
        long output = 0;
        long cacheRead = 0;
        long cacheCreation = 0;
        if (value.startsWith("{")) {
            JsonNode node = object(value, lineNumber, line);
            inputOther = node.path("input_other").asLong();
            output = node.path("output").asLong();
            cacheRead = node.path("input_cache_read").asLong();
            cacheCreation = node.path("input_cache_creation").asLong();
        } else {
            for (String pair : value.split("\\s+")) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2) {
                    throw invalid(lineNumber, line);
                }
                long n;
                try {
                    n = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    throw invalid(lineNumber, line);
                }
                switch (kv[0]) {
                    case "input_other" -> inputOther = n;
                    case "output" -> output = n;
                    case "input_cache_read" -> cacheRead = n;
                    case "input_cache_creation" -> cacheCreation = n;
                    default -> throw invalid(lineNumber, line);
                }
            }
        }
        return new TokenUsage(inputOther, output, cacheRead, cacheCreation);
    }

    private static ContentPart.Media media(String key, String value, int lineNumber, String line)
            throws ProviderException {
        ContentPart.MediaKind kind = ContentPart.MediaKind.fromWireType(key);
        if (value.startsWith("{")) {
            JsonNode node = object(value, lineNumber, line);
            return new ContentPart.Media(kind, node.path("url").asText(), node.hasNonNull("id") ? node.get("id").asText() : null);
        }
        return new ContentPart.Media(kind, value, null);
    }

    private static Directive error(String value) {
        String[] parts = value.split("\\s+", 2);
        String what = parts[0];
        String message = parts.length > 1 ? parts[1] : null;
        return sink -> {
            throw switch (what) {
                case "connection" -> new ProviderException(ProviderException.Kind.RETRYABLE, "APIConnectionError", null,
                        message == null ? "Connection error." : message);
                case "timeout" -> new ProviderException(ProviderException.Kind.RETRYABLE, "APITimeoutError", null,
                        message == null ? "Request timed out." : message);
                default -> statusError(what, message);
            };
        };
    }

    private static ProviderException statusError(String status, String message) {
        int code;
        try {
            code = Integer.parseInt(status);
        } catch (NumberFormatException e) {
            return new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null,
                    message == null ? status : status + " " + message);
        }
        boolean retryable = code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
        String text = "Error code: " + code + (message == null ? "" : " - " + message);
        return new ProviderException(retryable ? ProviderException.Kind.RETRYABLE : ProviderException.Kind.FAILED,
                "APIStatusError", code, text);
    }

    private static JsonNode object(String value, int lineNumber, String line) throws ProviderException {
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || !node.isObject()) {
                throw invalid(lineNumber, line);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw invalid(lineNumber, line);
        }
    }

    private static ProviderException invalid(int lineNumber, String line) {
        return new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null,
                "Invalid echo DSL at line " + lineNumber + ": '" + line + "'");
    }
}
