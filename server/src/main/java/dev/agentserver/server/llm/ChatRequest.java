package dev.agentserver.server.llm;

import java.util.List;

/** One model call: the conversation so far, the tools the model may call, and whether it should think. */
public record ChatRequest(List<ChatMessage> messages, List<ToolSpec> tools, boolean thinking) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }
}
