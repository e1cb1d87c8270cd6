package dev.agentserver.conformance.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.conformance.ServerProcess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reading turns off a wire server, and the protocol's ordering and merging rules as assertions. */
final class WireTurns {

    /** What a prompt produced: every message up to its answer, and the answer. */
    record Turn(List<JsonNode> messages, JsonNode answer) {
        List<JsonNode> events() {
            return messages.stream().filter(m -> "event".equals(m.path("method").asText())).toList();
        }

        List<String> types() {
            return WireStdioTest.types(messages);
        }

        String status() {
            return answer.path("result").path("status").asText(null);
        }

        int errorCode() {
            return answer.path("error").path("code").asInt(0);
        }
    }

    private WireTurns() {
    }

    static Turn prompt(ServerProcess server, String id, Object input) throws Exception {
        ObjectNode params = ServerProcess.JSON.createObjectNode();
        params.set("user_input", input instanceof JsonNode n ? n : ServerProcess.JSON.valueToTree(input));
        server.request(id, "prompt", params);
        return read(server, id);
    }

    static Turn read(ServerProcess server, String id) throws Exception {
        List<JsonNode> seen = server.untilAnswer(id);
        return new Turn(seen.subList(0, seen.size() - 1), seen.getLast());
    }

    /**
     * The ordering rules of a turn: TurnBegin first, TurnEnd exactly once and last, every update before the
     * answer; and after the answer nothing more of the turn (a probe's answer comes next, with nothing before it).
     */
    static void assertFramed(ServerProcess server, Turn turn) throws Exception {
        List<JsonNode> events = turn.events();
        assertTrue(!events.isEmpty(), "a turn without events: " + turn);
        assertEquals("TurnBegin", type(events.getFirst()), "first event: " + turn.types());
        assertEquals("TurnEnd", type(events.getLast()), "last event before the answer: " + turn.types());
        assertEquals(1, events.stream().filter(e -> type(e).equals("TurnEnd")).count(), "TurnEnd once: " + turn.types());
        assertEquals(1, events.stream().filter(e -> type(e).equals("TurnBegin")).count(), "TurnBegin once: " + turn.types());
        assertNothingMore(server);
    }

    /** Sends a probe; the next message must be its answer: nothing was pending on the stream. */
    static void assertNothingMore(ServerProcess server) throws Exception {
        String probe = "probe-" + System.nanoTime();
        server.request(probe, "conformance/probe", null);
        JsonNode next = server.next();
        assertEquals(probe, next.path("id").asText(null), "a message after the turn's answer: " + next);
        assertEquals(-32601, next.path("error").path("code").asInt());
    }

    static String type(JsonNode message) {
        return message.path("params").path("type").asText();
    }

    /** Messages that travel on the session channel and are never recorded (approvals). */
    private static final Set<String> UNRECORDED = Set.of("ApprovalRequest", "ApprovalResponse");

    /**
     * What the session log must hold for these live messages (reference §8): consecutive text (and unencrypted
     * think) parts joined, tool-call argument parts folded into their ToolCall, approval traffic left out.
     */
    static List<JsonNode> merged(List<JsonNode> live) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode message : live) {
            if (!message.has("method") || !message.has("params")) {
                continue;
            }
            String type = type(message);
            if (UNRECORDED.contains(type)) {
                continue;
            }
            ObjectNode envelope = ServerProcess.JSON.createObjectNode();
            envelope.put("type", type);
            envelope.set("payload", message.path("params").path("payload").deepCopy());
            JsonNode last = out.isEmpty() ? null : out.getLast();
            if (type.equals("ContentPart") && last != null && last.path("type").asText().equals("ContentPart")) {
                ObjectNode previous = (ObjectNode) last.get("payload");
                JsonNode now = envelope.get("payload");
                String kind = now.path("type").asText();
                if (kind.equals(previous.path("type").asText()) && kind.equals("text")) {
                    previous.put("text", previous.path("text").asText() + now.path("text").asText());
                    continue;
                }
                if (kind.equals(previous.path("type").asText()) && kind.equals("think")
                        && now.path("encrypted").isNull() && previous.path("encrypted").isNull()) {
                    previous.put("think", previous.path("think").asText() + now.path("think").asText());
                    continue;
                }
            }
            if (type.equals("ToolCallPart") && last != null && last.path("type").asText().equals("ToolCall")) {
                ObjectNode function = (ObjectNode) last.path("payload").path("function");
                JsonNode part = envelope.path("payload").path("arguments_part");
                String sofar = function.path("arguments").isNull() ? "" : function.path("arguments").asText();
                function.put("arguments", sofar + (part.isNull() ? "" : part.asText()));
                continue;
            }
            out.add(envelope);
        }
        return out;
    }

    /** The replayed messages as {type, payload} envelopes. */
    static ArrayNode envelopes(List<JsonNode> messages) {
        ArrayNode out = ServerProcess.JSON.createArrayNode();
        for (JsonNode m : messages) {
            if (m.has("method")) {
                out.add(m.get("params"));
            }
        }
        return out;
    }

    static JsonNode json(String text) throws IOException {
        return ServerProcess.JSON.readTree(text);
    }
}
