package dev.agentserver.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.agent.Conversation;
import dev.agentserver.server.json.SharedMapper;
import dev.agentserver.server.llm.ChatMessage;
import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.ToolCallData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A session's {@code context.jsonl}: the model-visible history, one message a line. */
public final class ContextLog implements Conversation.Log {


    private final Path file;

    public ContextLog(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void append(ChatMessage message) {
        try {
            Files.createDirectories(file.getParent());
            // One write of bytes encoded with replacement (see WireLog.append).
            Files.write(file, (SharedMapper.MAPPER.writeValueAsString(toJson(message)) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    @Override
    public synchronized void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + file, e);
        }
    }

    /** The history as written; lines that do not parse are skipped. */
    public List<ChatMessage> read() {
        return JsonLines.read(file, line -> Optional.of(fromJson(SharedMapper.MAPPER.readTree(line))));
    }

    private static ObjectNode toJson(ChatMessage message) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("role", message.role().apiName());
        ArrayNode content = node.putArray("content");
        for (ContentPart part : message.content()) {
            ObjectNode p = content.addObject();
            switch (part) {
                case ContentPart.Text t -> p.put("type", "text").put("text", t.text());
                case ContentPart.Think t -> p.put("type", "think").put("think", t.think()).put("encrypted", t.encrypted());
                case ContentPart.Media m -> p.put("type", m.kind().wireType()).put("url", m.url()).put("id", m.id());
            }
        }
        if (!message.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (ToolCallData call : message.toolCalls()) {
                calls.addObject().put("id", call.id()).put("name", call.name()).put("arguments", call.arguments());
            }
        }
        if (message.toolCallId() != null) {
            node.put("tool_call_id", message.toolCallId());
        }
        return node;
    }

    private static ChatMessage fromJson(JsonNode node) {
        ChatMessage.Role role = ChatMessage.Role.valueOf(node.path("role").asText().toUpperCase(java.util.Locale.ROOT));
        List<ContentPart> content = new ArrayList<>();
        for (JsonNode p : node.path("content")) {
            String type = p.path("type").asText();
            switch (type) {
                case "text" -> content.add(new ContentPart.Text(p.path("text").asText()));
                case "think" -> content.add(new ContentPart.Think(p.path("think").asText(), textOrNull(p, "encrypted")));
                default -> {
                    ContentPart.MediaKind kind = ContentPart.MediaKind.fromWireType(type);
                    if (kind != null) {
                        content.add(new ContentPart.Media(kind, p.path("url").asText(), textOrNull(p, "id")));
                    }
                }
            }
        }
        List<ToolCallData> calls = new ArrayList<>();
        for (JsonNode c : node.path("tool_calls")) {
            calls.add(new ToolCallData(c.path("id").asText(), c.path("name").asText(), textOrNull(c, "arguments")));
        }
        return new ChatMessage(role, content, calls, textOrNull(node, "tool_call_id"));
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
