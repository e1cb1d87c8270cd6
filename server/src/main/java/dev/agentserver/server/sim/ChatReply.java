package dev.agentserver.server.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What the simulated chat API does with one authorized request. */
sealed interface ChatReply {

    /**
     * A streamed completion: each delta becomes one {@code chat.completion.chunk}, then a chunk with the
     * finish reason, a usage chunk and {@code [DONE]}.
     */
    record Streamed(String messageId, List<ObjectNode> deltas, boolean callsTools, Usage usage) implements ChatReply {}

    /** An HTTP error status with an OpenAI-style error body. */
    record Failure(int status, String message) implements ChatReply {}

    /** The connection is dropped without an answer. */
    record Disconnect() implements ChatReply {}

    /** No answer at all until the client gives up (or the simulator stops). */
    record Silence() implements ChatReply {}

    /** Token counts in the wire's terms; sent as OpenAI {@code usage}. */
    record Usage(long inputOther, long output, long inputCacheRead, long inputCacheCreation) {}
}
