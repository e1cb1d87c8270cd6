package dev.agentserver.server.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentserver.server.model.TokenUsage;
import java.util.Set;

/**
 * Interprets the events of one streamed chat completion ({@code chat.completion.chunk} objects, read by
 * {@link ChunkParser}) and hands their content to the sink: {@code delta.content} as text,
 * {@code delta.reasoning_content} as thinking, {@code delta.tool_calls} through the {@link ToolCallAssembler},
 * the chunk {@code id} as the message id, and the usage (top level as OpenAI sends it, or inside the choice
 * as Moonshot does) once at the end.
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
        if ("error".equals(event.name())) {
            JsonNode chunk = ChunkParser.parseTree(data);
            throw streamedError(chunk.path("error").isObject() ? chunk.get("error") : chunk);
        }
        CompletionChunk chunk = ChunkParser.parse(data);
        if (chunk.error() != null) {
            throw streamedError(chunk.error());
        }
        String id = chunk.id();
        if (id != null && !id.isEmpty() && !id.equals(messageId)) {
            messageId = id;
            sink.messageId(id);
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        for (CompletionChunk.Choice choice : chunk.choices()) {
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

    private void acceptChoice(CompletionChunk.Choice choice) throws ProviderException {
        if (choice.finished()) {
            sawFinishReason = true;
        }
        if (choice.usage() != null) {
            usage = choice.usage();
        }
        CompletionChunk.Delta delta = choice.delta();
        if (isNonEmpty(delta.reasoning())) {
            sawContent = true;
            sink.think(delta.reasoning());
        }
        if (isNonEmpty(delta.content())) {
            sawContent = true;
            sink.text(delta.content());
        }
        for (CompletionChunk.ToolCallDelta fragment : delta.toolCalls()) {
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

    private static boolean isNonEmpty(String text) {
        return text != null && !text.isEmpty();
    }
}
