package dev.agentserver.server.llm;

import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.ToolCallData;
import java.util.List;

/**
 * One message of the conversation in the OpenAI chat shape. {@code content} holds text and media parts
 * (think parts of an assistant message travel as {@code reasoning_content}); {@code toolCalls} is set on
 * assistant messages that called tools; {@code toolCallId} on tool results.
 */
public record ChatMessage(Role role, List<ContentPart> content, List<ToolCallData> toolCalls, String toolCallId) {

    public enum Role {
        SYSTEM("system"), USER("user"), ASSISTANT("assistant"), TOOL("tool");

        private final String apiName;

        Role(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }
    }

    public ChatMessage {
        content = content == null ? List.of() : List.copyOf(content);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatMessage system(String text) {
        return new ChatMessage(Role.SYSTEM, List.of(new ContentPart.Text(text)), List.of(), null);
    }

    public static ChatMessage user(List<ContentPart> content) {
        return new ChatMessage(Role.USER, content, List.of(), null);
    }

    public static ChatMessage assistant(List<ContentPart> content, List<ToolCallData> toolCalls) {
        return new ChatMessage(Role.ASSISTANT, content, toolCalls, null);
    }

    public static ChatMessage toolResult(String toolCallId, String output) {
        return new ChatMessage(Role.TOOL, List.of(new ContentPart.Text(output)), List.of(), toolCallId);
    }
}
