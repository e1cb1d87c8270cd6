package dev.agentserver.server.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.llm.scripted.EchoDirective;
import dev.agentserver.server.llm.scripted.EchoScriptParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one script of the echo DSL, parsed by the same {@link EchoScriptParser} as the scripted provider
 * uses, into the reply the simulated chat API streams. Media parts have no form in a chat-completions
 * stream and are skipped. An {@code error:} line makes the whole reply that error.
 */
final class EchoScript {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String defaultMessageId;
    private String messageId;
    private final List<ObjectNode> deltas = new ArrayList<>();
    private ChatReply.Usage usage;
    private int toolCalls;
    private boolean sawMedia;

    private EchoScript(String defaultMessageId) {
        this.defaultMessageId = defaultMessageId;
    }

    /** @param defaultMessageId the completion id when the script has no {@code id:} line */
    static ChatReply parse(String script, String defaultMessageId) {
        List<EchoDirective> directives;
        try {
            directives = EchoScriptParser.parse(script);
        } catch (EchoScriptParser.InvalidScriptException e) {
            return new ChatReply.Failure(400, e.getMessage());
        }
        return new EchoScript(defaultMessageId).read(directives);
    }

    private ChatReply read(List<EchoDirective> directives) {
        for (EchoDirective directive : directives) {
            switch (directive) {
                case EchoDirective.Text t -> deltas.add(JSON.createObjectNode().put("content", t.text()));
                case EchoDirective.Think t -> deltas.add(JSON.createObjectNode().put("reasoning_content", t.think()));
                case EchoDirective.MessageId m -> messageId = m.id();
                case EchoDirective.Usage u -> usage = new ChatReply.Usage(u.usage().inputOther(), u.usage().output(),
                        u.usage().inputCacheRead(), u.usage().inputCacheCreation());
                case EchoDirective.ToolCall c -> toolCall(c);
                case EchoDirective.ToolCallPart p -> {
                    if (toolCalls == 0) {
                        return new ChatReply.Failure(400, "Invalid echo DSL: tool_call_part before any tool_call");
                    }
                    if (p.part() != null && !p.part().isEmpty()) {
                        toolCallFragment(toolCalls - 1).putObject("function").put("arguments", p.part());
                    }
                }
                case EchoDirective.Media m -> sawMedia = true;
                case EchoDirective.Error e -> {
                    return error(e);
                }
            }
        }
        if (deltas.isEmpty()) {
            return new ChatReply.Failure(400, sawMedia
                    ? "the script has only media parts, which a chat-completions stream cannot carry"
                    : "the script has no streamable parts");
        }
        return new ChatReply.Streamed(messageId == null ? defaultMessageId : messageId, deltas, toolCalls > 0, usage);
    }

    private void toolCall(EchoDirective.ToolCall call) {
        String id = call.id() != null ? call.id() : "call_sim_" + (toolCalls + 1);
        ObjectNode fragment = toolCallFragment(toolCalls);
        fragment.put("id", id).put("type", "function");
        fragment.putObject("function").put("name", call.name()).put("arguments", call.arguments() == null ? "" : call.arguments());
        toolCalls++;
    }

    private ObjectNode toolCallFragment(int index) {
        ObjectNode delta = JSON.createObjectNode();
        ObjectNode fragment = delta.putArray("tool_calls").addObject().put("index", index);
        deltas.add(delta);
        return fragment;
    }

    private static ChatReply error(EchoDirective.Error error) {
        return switch (error.kind()) {
            case CONNECTION -> new ChatReply.Disconnect();
            case TIMEOUT -> new ChatReply.Silence();
            case STATUS -> new ChatReply.Failure(error.status(),
                    error.message() == null ? "scripted error " + error.status() : error.message());
        };
    }
}
