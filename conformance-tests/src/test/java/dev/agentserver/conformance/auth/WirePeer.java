package dev.agentserver.conformance.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentserver.conformance.ServerProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** A wire server in an auth scenario. */
final class WirePeer implements Peer {

    static final int AUTH_EXPIRED = -32004;
    static final String AUTH_EXPIRED_MESSAGE = "Authentication failed. Your login session may have expired. "
            + "Please run \"/login\" to sign in again.";

    private final ServerProcess server;

    WirePeer(ServerProcess server) {
        this.server = server;
    }

    @Override
    public void open() throws Exception {
        server.request("init", "initialize", "{\"protocol_version\":\"1.10\",\"client\":{\"name\":\"conformance\"}}");
        JsonNode answer = server.untilAnswer("init").getLast();
        if (!answer.has("result")) {
            throw new AssertionError("initialize failed: " + answer + "\n" + server.stderr());
        }
    }

    @Override
    public void sendPrompt(String tag, String text) throws IOException {
        server.request(tag, "prompt", ServerProcess.JSON.createObjectNode().put("user_input", text));
    }

    @Override
    public Outcome awaitPrompt(String tag, Duration wait) throws Exception {
        List<JsonNode> turn = server.untilAnswer(tag, wait);
        JsonNode answer = turn.getLast();
        List<JsonNode> events = turn.subList(0, turn.size() - 1).stream()
                .filter(m -> "event".equals(m.path("method").asText())).toList();
        // Every turn update before the response, the turn framed by TurnBegin ... TurnEnd.
        if (events.isEmpty() || !"TurnBegin".equals(events.getFirst().path("params").path("type").asText())
                || !"TurnEnd".equals(events.getLast().path("params").path("type").asText())) {
            throw new AssertionError("prompt " + tag + " was not framed by TurnBegin ... TurnEnd before its answer: " + turn);
        }
        if (answer.has("result")) {
            String status = answer.path("result").path("status").asText();
            return status.equals("finished") ? Outcome.ok(status) : new Outcome(false, false, 0, answer.toString());
        }
        int code = answer.path("error").path("code").asInt();
        if (code == AUTH_EXPIRED && !AUTH_EXPIRED_MESSAGE.equals(answer.path("error").path("message").asText())) {
            throw new AssertionError("-32004 with another message: " + answer);
        }
        return new Outcome(false, code == AUTH_EXPIRED, code, answer.toString());
    }

    @Override
    public ServerProcess process() {
        return server;
    }

    @Override
    public String protocol() {
        return "wire";
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
