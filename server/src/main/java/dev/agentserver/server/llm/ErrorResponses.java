package dev.agentserver.server.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentserver.server.json.SharedMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** What a non-200 answer of the chat service means for the agent, and the service's own words for it. */
final class ErrorResponses {

    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int MAX_QUOTED = 500;

    private ErrorResponses() {
    }

    /** 429 and the gateway-ish 5xx are worth retrying; every other status is the request's fault. */
    static ProviderException forStatus(int status, String serviceMessage) {
        String message = "the chat service answered HTTP " + status + ": " + serviceMessage;
        ProviderException.Kind kind = CompletionStream.RETRYABLE_STATUSES.contains(status)
                ? ProviderException.Kind.RETRYABLE
                : ProviderException.Kind.FAILED;
        return new ProviderException(kind, "APIStatusError", status, message);
    }

    /** Reads at most 64 KiB of an error body; an unreadable body becomes an empty message, not a new error. */
    static String readBody(InputStream body) {
        try {
            return new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The human part of an error body: {@code error.message} (OpenAI, Moonshot), a top-level
     * {@code message} or {@code error} string, or the raw text, shortened.
     */
    static String serviceMessage(String body) {
        if (body.isBlank()) {
            return "(no details)";
        }
        try {
            JsonNode json = SharedMapper.MAPPER.readTree(body);
            JsonNode error = json.path("error");
            if (error.path("message").isTextual()) {
                return error.get("message").textValue();
            }
            if (json.path("message").isTextual()) {
                return json.get("message").textValue();
            }
            if (error.isTextual()) {
                return error.textValue();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        return abbreviate(body.strip());
    }

    static String abbreviate(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }
}
