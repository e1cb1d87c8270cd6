package dev.agentserver.server.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentserver.server.model.TokenUsage;
import java.util.Set;

/**
 * Interprets the events of one streamed chat completion ({@code chat.completion.chunk} objects) and hands
 * their content to the sink: {@code delta.content} as text, {@code delta.reasoning_content} as thinking,
 * {@code delta.tool_calls} through the {@link ToolCallAssembler}, the chunk {@code id} as the message id,
 * and the usage (top level as OpenAI sends it, or inside the choice as Moonshot does) once at the end.
 */
final class CompletionStream {

    /** Statuses that a service may also report inside the stream; the same ones are retried over HTTP. */
    static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 500, 502, 503, 504);

    private final ChatSink sink;
    private final ToolCallAssembler toolCalls;
    private boolean sawContent;
    private boolean sawFinishReason;
    private boolean done;
    private String messageId;
    private JsonNode usage;

    CompletionStream(ChatSink sink) {
        this.sink = sink;
        this.toolCalls = new ToolCallAssembler(sink);
    }

    /** Handles one event; returns false once the stream said {@code [DONE]}. */
    boolean accept(SseEvent event) throws ProviderException {
        String data = event.data();
        if (data.strip().equals("[DONE]")) {
            done = true;
            return false;
        }
        JsonNode chunk = parse(data);
        if ("error".equals(event.name()) || chunk.path("error").isObject()) {
            throw streamedError(chunk.path("error").isObject() ? chunk.get("error") : chunk);
        }
        String id = chunk.path("id").isTextual() ? chunk.get("id").textValue() : null;
        if (id != null && !id.isEmpty() && !id.equals(messageId)) {
            messageId = id;
            sink.messageId(id);
        }
        if (chunk.path("usage").isObject()) {
            usage = chunk.get("usage");
        }
        for (JsonNode choice : chunk.path("choices")) {
            acceptChoice(choice);
        }
        return true;
    }

    /** Called at the end of the stream: reports a cut-off or empty reply, else delivers the usage. */
    void finish() throws ProviderException {
        if (!done && !sawFinishReason) {
            throw new ProviderException(ProviderException.Kind.RETRYABLE, "APIConnectionError", null,
                    "the chat stream ended before the reply was complete");
        }
        if (!sawContent) {
            throw new ProviderException(ProviderException.Kind.RETRYABLE, "APIEmptyResponseError", null,
                    "the chat service sent an empty reply");
        }
        toolCalls.finish();
        if (usage != null) {
            sink.usage(tokenUsage(usage));
        }
    }

    private void acceptChoice(JsonNode choice) throws ProviderException {
        if (choice.path("finish_reason").isTextual()) {
            sawFinishReason = true;
        }
        if (choice.path("usage").isObject()) {
            usage = choice.get("usage");
        }
        JsonNode delta = choice.path("delta");
        String reasoning = nonEmptyText(delta.get("reasoning_content"));
        if (reasoning != null) {
            sawContent = true;
            sink.think(reasoning);
        }
        String text = nonEmptyText(delta.get("content"));
        if (text != null) {
            sawContent = true;
            sink.text(text);
        }
        for (JsonNode fragment : delta.path("tool_calls")) {
            toolCalls.accept(fragment);
            sawContent |= toolCalls.anyStarted();
        }
    }

    /** prompt_tokens counts cached tokens too; the wire's input_other does not. */
    static TokenUsage tokenUsage(JsonNode usage) {
        long prompt = usage.path("prompt_tokens").asLong(0);
        long output = usage.path("completion_tokens").asLong(0);
        long cached = usage.has("cached_tokens")
                ? usage.path("cached_tokens").asLong(0)
                : usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        return new TokenUsage(Math.max(0, prompt - cached), output, cached, 0);
    }

    private static JsonNode parse(String data) throws ProviderException {
        try {
            return Json.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null,
                    "the chat service sent an event that is not JSON: " + ErrorResponses.abbreviate(data), e);
        }
    }

    private static ProviderException streamedError(JsonNode error) {
        String message = error.path("message").isTextual() ? error.get("message").textValue() : error.toString();
        int status = error.path("code").canConvertToInt() ? error.path("code").intValue()
                : error.path("status").asInt(0);
        if (RETRYABLE_STATUSES.contains(status)) {
            return new ProviderException(ProviderException.Kind.RETRYABLE, "APIStatusError", status,
                    "the chat service reported " + status + " in the stream: " + message);
        }
        return new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null,
                "the chat service reported an error in the stream: " + message);
    }

    private static String nonEmptyText(JsonNode node) {
        return node != null && node.isTextual() && !node.textValue().isEmpty() ? node.textValue() : null;
    }
}
