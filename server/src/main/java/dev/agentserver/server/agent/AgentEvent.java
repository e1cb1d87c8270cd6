package dev.agentserver.server.agent;

import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.TokenUsage;
import dev.agentserver.server.model.ToolReturn;
import dev.agentserver.server.tools.ToolPresentation;

/**
 * What a turn produces, in order, independent of the protocol that shows it. The wire front end maps
 * these one to one onto wire events; the ACP front end onto {@code session/update}s.
 */
public sealed interface AgentEvent {

    record TurnBegin(UserInput input) implements AgentEvent {}

    /** Always the last event of a turn, on every exit path. */
    record TurnEnd() implements AgentEvent {}

    record StepBegin(int n) implements AgentEvent {}

    /** The step failed with an error (not emitted for a cancel). */
    record StepInterrupted() implements AgentEvent {}

    /** A retryable provider error; the step is tried again after {@code waitSeconds}. */
    record StepRetry(int n, int nextAttempt, int maxAttempts, double waitSeconds, String errorType,
            Integer statusCode) implements AgentEvent {}

    record SteerInput(UserInput input) implements AgentEvent {}

    /** A streamed piece of the model's reply: a text or think delta, or a media part. */
    record Content(ContentPart part) implements AgentEvent {}

    /** The model starts a tool call; {@code arguments} may be null and arrive as deltas. */
    record ToolCallBegin(String id, String name, String arguments) implements AgentEvent {}

    record ToolCallArguments(String delta) implements AgentEvent {}

    /**
     * A tool call is complete and about to run (or be asked for): its full arguments and, when the
     * tool understood them, how to present it. Editors show the call from here.
     */
    record ToolCallReady(String id, String name, String arguments, ToolPresentation presentation)
            implements AgentEvent {}

    /** The approved call starts running. */
    record ToolCallRunning(String id) implements AgentEvent {}

    record ToolCallResult(String toolCallId, ToolReturn result) implements AgentEvent {}

    /**
     * After each step: token usage of the step and context size. {@code planMode} null means unchanged.
     */
    record Status(TokenUsage usage, Long contextTokens, Long maxContextTokens, String messageId, Boolean planMode)
            implements AgentEvent {

        public Double contextUsage() {
            if (contextTokens == null || maxContextTokens == null || maxContextTokens <= 0) {
                return null;
            }
            return (double) contextTokens / maxContextTokens;
        }
    }
}
