package dev.agentserver.server.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.json.SharedMapper;
import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.ToolCallData;
import java.util.List;

/** Writes a {@link ChatRequest} as the JSON body of an OpenAI-compatible streaming chat completion. */
final class ChatRequestEncoder {

    private final String model;
    private final RequestDialect dialect;

    ChatRequestEncoder(String model, RequestDialect dialect) {
        this.model = model;
        this.dialect = dialect;
    }

    byte[] encode(ChatRequest request) {
        ObjectNode body = SharedMapper.MAPPER.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            messages.add(message(message));
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name()).put("description", tool.description());
                function.set("parameters", tool.parameters());
            }
        }
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        addDialectExtras(body, request.thinking());
        try {
            return SharedMapper.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private void addDialectExtras(ObjectNode body, boolean thinking) {
        if (dialect.maxTokens() != null) {
            body.put("max_tokens", dialect.maxTokens());
        }
        if (dialect.temperature() != null) {
            body.put("temperature", dialect.temperature());
        }
        if (dialect.topP() != null) {
            body.put("top_p", dialect.topP());
        }
        if (dialect.kimi()) {
            body.putObject("thinking").put("type", thinking ? "enabled" : "disabled");
            if (thinking) {
                body.put("reasoning_effort", "high");
            }
        } else if (thinking) {
            body.put("reasoning_effort", "high");
        }
    }

    private static ObjectNode message(ChatMessage message) {
        ObjectNode node = SharedMapper.MAPPER.createObjectNode();
        node.put("role", message.role().apiName());
        switch (message.role()) {
            case ASSISTANT -> assistant(node, message);
            case TOOL -> {
                node.put("tool_call_id", message.toolCallId());
                node.set("content", content(message.content()));
            }
            default -> node.set("content", content(message.content()));
        }
        return node;
    }

    /** Thinking goes back as {@code reasoning_content}; content may be left out when the message only calls tools. */
    private static void assistant(ObjectNode node, ChatMessage message) {
        StringBuilder reasoning = new StringBuilder();
        for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.Think think) {
                reasoning.append(think.think());
            }
        }
        List<ContentPart> visible = message.content().stream()
                .filter(part -> !(part instanceof ContentPart.Think))
                .toList();
        if (!visible.isEmpty() || message.toolCalls().isEmpty()) {
            node.set("content", content(visible));
        }
        if (!reasoning.isEmpty()) {
            node.put("reasoning_content", reasoning.toString());
        }
        if (!message.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (ToolCallData call : message.toolCalls()) {
                ObjectNode entry = calls.addObject().put("id", call.id()).put("type", "function");
                entry.putObject("function")
                        .put("name", call.name())
                        .put("arguments", call.arguments() == null ? "{}" : call.arguments());
            }
        }
    }

    /** Plain text as one string (what every service accepts); media turn it into a list of typed parts. */
    private static JsonNode content(List<ContentPart> parts) {
        boolean textOnly = parts.stream().allMatch(part -> !(part instanceof ContentPart.Media));
        if (textOnly) {
            StringBuilder text = new StringBuilder();
            for (ContentPart part : parts) {
                if (part instanceof ContentPart.Text t) {
                    text.append(t.text());
                }
            }
            return SharedMapper.MAPPER.getNodeFactory().textNode(text.toString());
        }
        ArrayNode list = SharedMapper.MAPPER.createArrayNode();
        for (ContentPart part : parts) {
            switch (part) {
                case ContentPart.Text t -> list.addObject().put("type", "text").put("text", t.text());
                case ContentPart.Media m -> list.addObject()
                        .put("type", m.kind().wireType())
                        .putObject(m.kind().wireType()).put("url", m.url());
                case ContentPart.Think ignored -> {
                    // thinking of a non-assistant message has no place in the request
                }
            }
        }
        return list;
    }
}
