package dev.agentserver.server.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /v1/chat/completions}. In this order: the bearer must be a live access token or a static
 * API key (else 401); a queued status fault answers next; then the next script, or the default
 * responder, is streamed, slowed or broken as the knobs say.
 */
final class ChatEndpoint implements HttpHandler {

    private static final int MAX_RECORDED = 100;

    private final TokenAuthority tokens;
    private final Set<String> staticApiKeys;
    private final ScriptQueue scripts;
    private final ChatFaults faults;
    private final Lifetime lifetime;
    private final Deque<RecordedChatRequest> recorded = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger broken = new AtomicInteger();
    private final AtomicInteger clientAborts = new AtomicInteger();
    private final AtomicInteger scriptedReplies = new AtomicInteger();
    private final AtomicInteger defaultReplies = new AtomicInteger();

    ChatEndpoint(TokenAuthority tokens, Set<String> staticApiKeys, ScriptQueue scripts, ChatFaults faults,
            Lifetime lifetime) {
        this.tokens = tokens;
        this.staticApiKeys = staticApiKeys;
        this.scripts = scripts;
        this.faults = faults;
        this.lifetime = lifetime;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals("/v1/chat/completions")) {
            HttpIo.sendApiError(exchange, 404, "only POST /v1/chat/completions is simulated", "not_found");
            return;
        }
        requests.incrementAndGet();
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            unauthorized.incrementAndGet();
            HttpIo.sendApiError(exchange, 401, "Invalid Authentication", "invalid_authentication_error");
            return;
        }
        JsonNode body;
        try {
            body = HttpIo.readJson(exchange);
        } catch (IOException e) {
            HttpIo.sendApiError(exchange, 400, "the body is not JSON", "invalid_request_error");
            return;
        }
        record(exchange, body);
        Integer status = faults.statuses.take();
        if (status != null) {
            HttpIo.sendApiError(exchange, status, "simulated fault " + status, "simulated_fault");
            return;
        }
        respond(exchange, body, nextReply(body));
    }

    private ChatReply nextReply(JsonNode body) {
        String messageId = "chatcmpl-sim-" + Long.toHexString(System.nanoTime());
        String script = scripts.next();
        if (script != null) {
            scriptedReplies.incrementAndGet();
            return EchoScript.parse(script, messageId);
        }
        defaultReplies.incrementAndGet();
        return DefaultResponder.reply(body, messageId);
    }

    private void respond(HttpExchange exchange, JsonNode body, ChatReply reply) throws IOException {
        switch (reply) {
            case ChatReply.Failure failure ->
                    HttpIo.sendApiError(exchange, failure.status(), failure.message(), "scripted_error");
            case ChatReply.Disconnect ignored -> throw new ConnectionAbort("scripted connection error");
            case ChatReply.Silence ignored -> {
                lifetime.awaitEnd();
                throw new ConnectionAbort("scripted timeout");
            }
            case ChatReply.Streamed streamed -> {
                String model = body.path("model").asText("simulated");
                ChatStreamWriter writer = new ChatStreamWriter(model, faults.chunkDelay(), faults.breaks.take(), lifetime);
                switch (writer.write(exchange, streamed)) {
                    case COMPLETED -> completed.incrementAndGet();
                    case CLIENT_GONE -> clientAborts.incrementAndGet();
                    case BROKEN -> {
                        broken.incrementAndGet();
                        throw new ConnectionAbort("simulated broken stream");
                    }
                }
            }
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String bearer = header.substring(7).strip();
        return staticApiKeys.contains(bearer) || tokens.accessTokenValid(bearer);
    }

    private void record(HttpExchange exchange, JsonNode body) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Authorization")) {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values));
            }
        });
        synchronized (this) {
            if (recorded.size() == MAX_RECORDED) {
                recorded.removeFirst();
            }
            recorded.addLast(new RecordedChatRequest(headers, body));
        }
    }

    synchronized List<RecordedChatRequest> recorded() {
        return List.copyOf(recorded);
    }

    SimulatorStats.Chat stats() {
        return new SimulatorStats.Chat(requests.get(), unauthorized.get(), faults.statuses.taken(), completed.get(),
                broken.get(), clientAborts.get(), scriptedReplies.get(), defaultReplies.get());
    }
}
