package dev.agentserver.server.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What {@link CompletionStream} uses of one {@code chat.completion.chunk}, as {@link ChunkParser} reads it.
 * Text fields hold the JSON string as sent (possibly empty) or null when absent or not a string; usage and
 * error stay JSON objects, since they come once a stream and are read field by field with fallbacks.
 *
 * @param usage the top-level {@code usage} object (OpenAI), or null
 * @param error the {@code error} object a service may send in place of a chunk, or null
 */
record CompletionChunk(String id, JsonNode usage, JsonNode error, List<Choice> choices) {

    static final CompletionChunk EMPTY = new CompletionChunk(null, null, null, List.of());

    /**
     * @param finished whether {@code finish_reason} is a string
     * @param usage the choice's {@code usage} object (Moonshot), or null
     */
    record Choice(boolean finished, JsonNode usage, Delta delta) {

        static final Choice EMPTY = new Choice(false, null, Delta.EMPTY);
    }

    /** A choice's {@code delta}: {@code reasoning_content}, {@code content} and {@code tool_calls}. */
    record Delta(String reasoning, String content, List<ToolCallDelta> toolCalls) {

        static final Delta EMPTY = new Delta(null, null, List.of());
    }

    /**
     * One element of {@code delta.tool_calls}, with its {@code function}'s name and arguments.
     *
     * @param index the {@code index} when it is a number that fits an int (a fraction is cut off), else null
     */
    record ToolCallDelta(Integer index, String id, String name, String arguments) {

        static final ToolCallDelta EMPTY = new ToolCallDelta(null, null, null, null);
    }
}
