package dev.agentserver.conformance.acp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's conversation as ACP updates tell it, independent of chunking: the user's text, the agent's
 * thoughts and messages (each run of chunks joined) and its tool calls (id and final status, where the call
 * first appeared). A live session and its {@code session/load} replay must tell the same conversation.
 */
final class AcpConversation {

    private AcpConversation() {
    }

    /** The live conversation: each prompt the client sent, then what its turn streamed. */
    static List<String> live(List<String> prompts, List<List<JsonNode>> turns) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            items.add("user: " + prompts.get(i));
            items.addAll(fold(turns.get(i)));
        }
        return items;
    }

    /** The replayed conversation: user turns come as {@code user_message_chunk}s. */
    static List<String> replayed(List<JsonNode> updates) {
        return fold(updates);
    }

    private static List<String> fold(List<JsonNode> updates) {
        List<String> items = new ArrayList<>();
        Map<String, Integer> toolAt = new HashMap<>();
        String kind = null;
        StringBuilder run = new StringBuilder();
        for (JsonNode u : updates) {
            String type = u.path("sessionUpdate").asText();
            String who = switch (type) {
                case "user_message_chunk" -> "user";
                case "agent_message_chunk" -> "agent";
                case "agent_thought_chunk" -> "thought";
                case "tool_call", "tool_call_update" -> "tool";
                default -> null;
            };
            if (who == null) {
                continue;
            }
            if (!who.equals(kind) && kind != null && !kind.equals("tool")) {
                items.add(kind + ": " + run);
                run.setLength(0);
            }
            kind = who;
            if (who.equals("tool")) {
                String id = u.path("toolCallId").asText();
                String status = u.hasNonNull("status") ? u.get("status").asText() : null;
                Integer at = toolAt.get(id);
                if (at == null) {
                    toolAt.put(id, items.size());
                    items.add("tool " + id + ": " + (status == null ? "pending" : status));
                } else if (status != null) {
                    items.set(at, "tool " + id + ": " + status);
                }
            } else {
                JsonNode content = u.path("content");
                run.append(content.path("type").asText().equals("text") ? content.path("text").asText() : content.toString());
            }
        }
        if (kind != null && !kind.equals("tool")) {
            items.add(kind + ": " + run);
        }
        return items;
    }
}
