package dev.agentserver.server.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a {@link ChatReply.Streamed} as OpenAI does: one {@code chat.completion.chunk} per delta, a chunk
 * with the finish reason, a usage chunk with empty {@code choices}, then {@code data: [DONE]}. It can pace
 * the events (slow stream) and drop the connection after a number of them (broken stream).
 */
final class ChatStreamWriter {

    /** How the stream ended. */
    enum Ending { COMPLETED, BROKEN, CLIENT_GONE }

    private final String model;
    private final Duration delay;
    private final Integer breakAfterEvents;
    private final Lifetime lifetime;

    /**
     * @param breakAfterEvents drop the connection after this many events (never after all of them: at least
     *                         {@code [DONE]} is withheld), or null to finish normally
     */
    ChatStreamWriter(String model, Duration delay, Integer breakAfterEvents, Lifetime lifetime) {
        this.model = model;
        this.delay = delay;
        this.breakAfterEvents = breakAfterEvents;
        this.lifetime = lifetime;
    }

    Ending write(HttpExchange exchange, ChatReply.Streamed reply) throws IOException {
        List<String> events = events(reply);
        int breakAt = breakAfterEvents == null ? -1 : Math.min(breakAfterEvents, events.size() - 1);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < events.size(); i++) {
            if (i == breakAt) {
                return Ending.BROKEN;
            }
            if (i > 0 && !delay.isZero() && !lifetime.pause(delay)) {
                return Ending.BROKEN; // the simulator is stopping; the connection goes with it
            }
            try {
                out.write(("data: " + events.get(i) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException clientClosed) {
                return Ending.CLIENT_GONE;
            }
        }
        out.close();
        return Ending.COMPLETED;
    }

    private List<String> events(ChatReply.Streamed reply) {
        long created = System.currentTimeMillis() / 1000;
        List<String> events = new ArrayList<>();
        for (ObjectNode delta : reply.deltas()) {
            events.add(chunk(reply.messageId(), created, delta, null).toString());
        }
        String finish = reply.callsTools() ? "tool_calls" : "stop";
        events.add(chunk(reply.messageId(), created, HttpIo.JSON.createObjectNode(), finish).toString());
        if (reply.usage() != null) {
            ObjectNode usageChunk = header(reply.messageId(), created);
            usageChunk.putArray("choices");
            ChatReply.Usage usage = reply.usage();
            long prompt = usage.inputOther() + usage.inputCacheRead() + usage.inputCacheCreation();
            ObjectNode counts = usageChunk.putObject("usage")
                    .put("prompt_tokens", prompt)
                    .put("completion_tokens", usage.output())
                    .put("total_tokens", prompt + usage.output());
            counts.putObject("prompt_tokens_details").put("cached_tokens", usage.inputCacheRead());
            events.add(usageChunk.toString());
        }
        events.add("[DONE]");
        return events;
    }

    private ObjectNode chunk(String id, long created, ObjectNode delta, String finishReason) {
        ObjectNode chunk = header(id, created);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private ObjectNode header(String id, long created) {
        return HttpIo.JSON.createObjectNode()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", model);
    }
}
