package dev.agentserver.protocol.wire;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * Payloads of the agent's events and requests. Every declared field is written, null when unset, in
 * declaration order: clients and the reference's snapshots compare whole payloads.
 */
public final class WirePayloads {

    private WirePayloads() {
    }

    /** {@code TurnEnd}, {@code StepInterrupted} and other events without fields. */
    public record Empty() {}

    public record TurnBegin(WireUserInput userInput) {}

    public record SteerInput(WireUserInput userInput) {}

    public record StepBegin(int n) {}

    public record StepRetry(int n, int nextAttempt, int maxAttempts, double waitS, String errorType,
            Integer statusCode) {}

    public record TokenUsage(long inputOther, long output, long inputCacheRead, long inputCacheCreation) {}

    public record StatusUpdate(Double contextUsage, Long contextTokens, Long maxContextTokens, TokenUsage tokenUsage,
            String messageId, Boolean planMode, JsonObject mcpStatus) {}

    public record FunctionBody(String name, String arguments) {}

    public record ToolCall(String type, String id, FunctionBody function, JsonObject extras) {

        public static ToolCall of(String id, String name, String arguments) {
            return new ToolCall("function", id, new FunctionBody(name, arguments), null);
        }
    }

    public record ToolCallPart(String argumentsPart) {}

    /** {@code output} is a string (content-part outputs from external tools are passed through as JSON). */
    public record ReturnValue(boolean isError, Object output, String message, List<Object> display,
            JsonObject extras) {}

    public record ToolResult(String toolCallId, ReturnValue returnValue) {}

    public record ApprovalResponse(String requestId, String response, String feedback) {}

    public record ApprovalRequest(String id, String toolCallId, String sender, String action, String description,
            String sourceKind, String sourceId, String agentId, String subagentType, String sourceDescription,
            List<Object> display) {}

    public record ToolCallRequest(String id, String name, String arguments) {}

    public record QuestionOption(String label, String description) {}

    public record Question(String question, String header, List<QuestionOption> options, boolean multiSelect,
            String body, String otherLabel, String otherDescription) {}

    public record QuestionRequest(String id, String toolCallId, List<Question> questions) {}

    public record HookRequest(String id, String subscriptionId, String event, String target, JsonObject inputData) {}

    public record HookTriggered(String event, String target, int hookCount) {}

    public record HookResolved(String event, String target, String action, String reason, long durationMs) {}

    // Display blocks, each with its type tag first.

    public record BriefBlock(String type, String text) {
        public BriefBlock(String text) {
            this("brief", text);
        }
    }

    public record DiffBlock(String type, String path, String oldText, String newText, int oldStart, int newStart,
            boolean isSummary) {
        public DiffBlock(String path, String oldText, String newText, int oldStart, int newStart, boolean isSummary) {
            this("diff", path, oldText, newText, oldStart, newStart, isSummary);
        }
    }

    public record ShellBlock(String type, String language, String command) {
        public ShellBlock(String language, String command) {
            this("shell", language, command);
        }
    }

    public record TodoItem(String title, String status) {}

    public record TodoBlock(String type, List<TodoItem> items) {
        public TodoBlock(List<TodoItem> items) {
            this("todo", items);
        }
    }
}
