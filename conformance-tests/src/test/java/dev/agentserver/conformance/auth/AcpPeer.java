package dev.agentserver.conformance.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentserver.conformance.ServerProcess;
import dev.agentserver.conformance.acp.AcpClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An ACP server in an auth scenario: one session, prompts as {@code session/prompt}. */
final class AcpPeer implements Peer {

    static final int AUTH_REQUIRED = -32000;

    private final AcpClient client;
    private final Path cwd;
    private final Map<String, String> ids = new HashMap<>();
    private String session;

    AcpPeer(Map<String, String> env, Path cwd) throws IOException {
        this.client = AcpClient.start(List.of(), env, cwd);
        this.cwd = cwd;
    }

    @Override
    public void open() throws Exception {
        client.initialize();
        session = client.newSessionId(cwd);
    }

    @Override
    public void sendPrompt(String tag, String text) throws IOException {
        ids.put(tag, client.send("session/prompt", AcpClient.promptParams(session, text)));
    }

    @Override
    public Outcome awaitPrompt(String tag, Duration wait) throws Exception {
        AcpClient.Exchange exchange = client.await(ids.remove(tag), wait);
        if (exchange.ok()) {
            String stop = exchange.result().path("stopReason").asText();
            return stop.equals("end_turn") ? Outcome.ok(stop) : new Outcome(false, false, 0, exchange.response().toString());
        }
        JsonNode error = exchange.error();
        int code = error.path("code").asInt();
        if (code == AUTH_REQUIRED) {
            JsonNode advertised = client.initializeResult().path("authMethods");
            if (!advertised.equals(error.path("data").path("authMethods")) || advertised.isEmpty()) {
                throw new AssertionError("auth_required must list the auth methods initialize advertised ("
                        + advertised + "): " + exchange.response());
            }
        }
        return new Outcome(false, code == AUTH_REQUIRED, code, exchange.response().toString());
    }

    @Override
    public ServerProcess process() {
        return client.server;
    }

    @Override
    public String protocol() {
        return "acp";
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
