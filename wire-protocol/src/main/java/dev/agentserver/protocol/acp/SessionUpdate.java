package dev.agentserver.protocol.acp;

import com.google.gson.JsonElement;
import java.util.List;

/**
 * The {@code update} of a {@code session/update} notification, tagged by {@code sessionUpdate}. Fields left
 * null are not written: in {@code tool_call} the protocol forbids nulls for the optional fields, and in
 * {@code tool_call_update} an absent field means "unchanged".
 */
public sealed interface SessionUpdate {

    record UserMessageChunk(ContentBlock content, String messageId) implements SessionUpdate {}

    record AgentMessageChunk(ContentBlock content, String messageId) implements SessionUpdate {}

    record AgentThoughtChunk(ContentBlock content, String messageId) implements SessionUpdate {}

    /** The first report of a tool call; a second one with the same id would replace it whole. */
    record ToolCall(String toolCallId, String title, ToolKind kind, ToolCallStatus status,
            List<ToolCallContent> content, List<ToolCallLocation> locations, JsonElement rawInput,
            JsonElement rawOutput) implements SessionUpdate {}

    /** Only the fields that changed; {@code content}, when sent, replaces the call's content whole. */
    record ToolCallUpdate(String toolCallId, String title, ToolKind kind, ToolCallStatus status,
            List<ToolCallContent> content, List<ToolCallLocation> locations, JsonElement rawInput,
            JsonElement rawOutput) implements SessionUpdate {

        public static ToolCallUpdate status(String toolCallId, ToolCallStatus status) {
            return new ToolCallUpdate(toolCallId, null, null, status, null, null, null, null);
        }

        public static ToolCallUpdate content(String toolCallId, List<ToolCallContent> content) {
            return new ToolCallUpdate(toolCallId, null, null, null, content, null, null, null);
        }
    }

    /** Always the whole plan: the client replaces its copy. */
    record Plan(List<PlanEntry> entries) implements SessionUpdate {}

    record AvailableCommandsUpdate(List<AvailableCommand> availableCommands) implements SessionUpdate {}

    record CurrentModeUpdate(String currentModeId) implements SessionUpdate {}

    /** The complete list of options, not just the one that changed. */
    record ConfigOptionUpdate(List<SessionConfigOption> configOptions) implements SessionUpdate {}

    /** {@code updatedAt} is ISO 8601. A field left out leaves the client's value as it is. */
    record SessionInfoUpdate(String title, String updatedAt) implements SessionUpdate {}

    /** Tokens in the context now, out of the context window's {@code size}. */
    record UsageUpdate(long used, long size) implements SessionUpdate {}

    /** An absolute path the tool call touches; {@code line} is 1-based. */
    record ToolCallLocation(String path, Integer line) {}

    record PlanEntry(String content, Priority priority, Status status) {

        public enum Priority {
            HIGH,
            MEDIUM,
            LOW
        }

        public enum Status {
            PENDING,
            IN_PROGRESS,
            COMPLETED
        }
    }

    /** A slash command; it reaches the agent as ordinary prompt text ({@code /name args}). */
    record AvailableCommand(String name, String description, CommandInput input) {}

    /** Free text after the command name, described by {@code hint}. */
    record CommandInput(String hint) {}
}
