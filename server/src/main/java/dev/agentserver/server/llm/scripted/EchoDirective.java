package dev.agentserver.server.llm.scripted;

import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.TokenUsage;

/**
 * One line of an echo-DSL script, parsed. The scripted provider replays these to the agent; the
 * simulator streams them as chat-completion chunks.
 */
public sealed interface EchoDirective {

    record Text(String text) implements EchoDirective {}

    record Think(String think) implements EchoDirective {}

    record MessageId(String id) implements EchoDirective {}

    record Usage(TokenUsage usage) implements EchoDirective {}

    /** {@code id} is null when the script gave none; {@code arguments} is null when they come in parts. */
    record ToolCall(String id, String name, String arguments) implements EchoDirective {}

    /** {@code part} is null for an empty {@code tool_call_part:} line. */
    record ToolCallPart(String part) implements EchoDirective {}

    record Media(ContentPart.Media media) implements EchoDirective {}

    /** {@code error: <status>|connection|timeout [message]}; {@code status} is 0 unless {@code kind} is STATUS. */
    record Error(Kind kind, int status, String message) implements EchoDirective {

        public enum Kind { STATUS, CONNECTION, TIMEOUT }
    }
}
