package dev.agentserver.conformance.acp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.conformance.ConformanceReport;
import dev.agentserver.conformance.ScriptedConfig;
import dev.agentserver.conformance.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACP v1 over stdio through {@code bin/agent-server acp}, every message the agent writes validated against
 * the schema by method (see {@link AcpClient}): every method, the JSON-RPC error codes, the turn rules (every
 * update before the prompt's answer, nothing of the turn after it, a cancelled turn answers
 * {@code cancelled}), permissions, and {@code session/load} in a fresh process equal to what was sent.
 */
class AcpProtocolTest {

    /** Updates that do not belong to a turn and may come at any time (PROTOCOL.md §8). */
    static final Set<String> SESSION_LEVEL = Set.of("available_commands_update", "session_info_update", "usage_update",
            "current_mode_update", "config_option_update");

    @TempDir
    Path temp;

    static String shell(String id, String command) {
        return "tool_call: {\"id\":\"" + id + "\",\"name\":\"Shell\",\"arguments\":\"{\\\"command\\\":\\\"" + command + "\\\"}\"}";
    }

    AcpClient start(ScriptedConfig config, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--config-file", config.configFile.toString()));
        args.addAll(List.of(extra));
        AcpClient client = AcpClient.start(args, config.env(), config.workDir);
        client.initialize();
        return client;
    }

    static List<String> kinds(List<JsonNode> updates) {
        return updates.stream().map(u -> u.path("sessionUpdate").asText()).toList();
    }

    /** A probe request's answer is the next message, but for session-level updates: nothing of a turn is left. */
    static void assertNothingMore(AcpClient client) throws Exception {
        AcpClient.Exchange probe = client.call("conformance/probe", "{}");
        assertEquals(-32601, probe.error().path("code").asInt(), probe.response().toString());
        for (JsonNode update : probe.updates()) {
            assertTrue(SESSION_LEVEL.contains(update.path("sessionUpdate").asText()),
                    "a turn update after the prompt's answer: " + update);
        }
        assertTrue(probe.agentRequests().isEmpty(), "an agent request after the prompt's answer: " + probe.messages());
    }

    static String text(List<JsonNode> updates, String kind) {
        StringBuilder out = new StringBuilder();
        for (JsonNode u : updates) {
            if (kind.equals(u.path("sessionUpdate").asText())) {
                out.append(u.path("content").path("text").asText());
            }
        }
        return out.toString();
    }

    @Test
    void initializeAnswersVersionOneAndTheAdvertisedCapabilities() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("text: hi"));
        try (AcpClient client = start(config)) {
            JsonNode result = client.initializeResult();
            assertEquals(1, result.path("protocolVersion").asInt());
            JsonNode caps = result.path("agentCapabilities");
            assertTrue(caps.path("loadSession").asBoolean());
            assertTrue(caps.path("sessionCapabilities").path("list").isObject());
            assertTrue(caps.path("sessionCapabilities").path("resume").isObject());
            assertTrue(caps.path("sessionCapabilities").path("close").isObject());
            assertTrue(caps.path("auth").path("logout").isObject());
            assertTrue(result.path("agentInfo").path("name").isTextual());
            assertTrue(result.path("authMethods").isArray());
            AcpClient.Exchange later = client.call("initialize", "{\"protocolVersion\":99,\"clientCapabilities\":{}}");
            assertEquals(1, later.result().path("protocolVersion").asInt(), "a v1 agent answers 1 even to 99");
            assertNothingMore(client);
        }
    }

    @Test
    void aPromptStreamsEveryUpdateBeforeItsAnswer() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("think: pondering\ntext: Hel\ntext: lo\nusage: input_other=5 output=2"));
        try (AcpClient client = start(config)) {
            AcpClient.Exchange created = client.newSession(config.workDir);
            String session = created.result().path("sessionId").asText();
            assertFalse(session.isEmpty(), created.response().toString());
            assertEquals("default", created.result().path("modes").path("currentModeId").asText());
            assertTrue(created.result().path("configOptions").isArray());
            AcpClient.Exchange turn = client.prompt(session, "hi there");
            assertEquals("end_turn", turn.result().path("stopReason").asText(), turn.response().toString());
            assertEquals("pondering", text(turn.updates(), "agent_thought_chunk"));
            assertEquals("Hello", text(turn.updates(), "agent_message_chunk"));
            for (JsonNode m : turn.messages()) {
                if (m.has("params")) {
                    assertEquals(session, m.path("params").path("sessionId").asText(), "updates name their session: " + m);
                }
            }
            assertNothingMore(client);
        }
    }

    @Test
    void anAllowedToolCallGoesPendingInProgressCompleted() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of(shell("c1", "echo acp > acp.txt"), "text: done"));
        try (AcpClient client = start(config)) {
            String session = client.newSessionId(config.workDir);
            AcpClient.Exchange turn = client.prompt(session, "write it");
            assertEquals("end_turn", turn.result().path("stopReason").asText());
            List<JsonNode> permission = turn.agentRequests();
            assertEquals(1, permission.size(), turn.messages().toString());
            assertEquals("session/request_permission", permission.getFirst().path("method").asText());
            assertEquals("c1", permission.getFirst().path("params").path("toolCall").path("toolCallId").asText());
            List<String> statuses = new ArrayList<>();
            for (JsonNode u : turn.updates()) {
                if ("c1".equals(u.path("toolCallId").asText()) && u.has("status")) {
                    statuses.add(u.path("sessionUpdate").asText() + ":" + u.path("status").asText());
                }
            }
            assertEquals(List.of("tool_call:pending", "tool_call_update:in_progress", "tool_call_update:completed"), statuses);
            assertEquals("acp", Files.readString(config.workDir.resolve("acp.txt")).strip());
            assertEquals("done", text(turn.updates(), "agent_message_chunk"));
            assertNothingMore(client);
        }
    }

    @Test
    void rejectOnceStopsTheToolAndTheTurn() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of(shell("c1", "touch never.txt"), "text: unreachable"));
        try (AcpClient client = start(config)) {
            String session = client.newSessionId(config.workDir);
            client.onPermission(p -> AcpClient.select(p, "reject_once"));
            AcpClient.Exchange turn = client.prompt(session, "try");
            assertEquals("end_turn", turn.result().path("stopReason").asText(), turn.response().toString());
            assertFalse(Files.exists(config.workDir.resolve("never.txt")));
            JsonNode last = turn.updates().stream().filter(u -> "c1".equals(u.path("toolCallId").asText())).reduce((a, b) -> b)
                    .orElseThrow();
            assertEquals("failed", last.path("status").asText(), "a rejected tool call is failed: " + turn.updates());
            assertEquals("", text(turn.updates(), "agent_message_chunk"), "the turn stops after a reject_once");
            assertNothingMore(client);
        }
    }

    @Test
    void sessionCancelDuringAPermissionAnswersCancelledAndTheSessionGoesOn() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of(shell("c1", "touch never.txt"), "text: next turn"));
        try (AcpClient client = start(config)) {
            String session = client.newSessionId(config.workDir);
            client.onPermission(p -> {
                try {
                    client.notify("session/cancel", ServerProcess.JSON.createObjectNode().put("sessionId", session));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return AcpClient.cancelledOutcome(p);
            });
            AcpClient.Exchange turn = client.prompt(session, "start and cancel");
            assertTrue(turn.ok(), "a cancelled turn answers a result, never an error: " + turn.response());
            assertEquals("cancelled", turn.result().path("stopReason").asText());
            assertFalse(Files.exists(config.workDir.resolve("never.txt")));
            assertNothingMore(client);
            client.onPermission(AcpClient::allowOnce);
            AcpClient.Exchange next = client.prompt(session, "again");
            assertEquals("end_turn", next.result().path("stopReason").asText());
            assertEquals("next turn", text(next.updates(), "agent_message_chunk"), "nothing of the cancelled turn leaks");
            client.notify("session/cancel", ServerProcess.JSON.createObjectNode().put("sessionId", session));
            assertNothingMore(client);
        }
    }

    @Test
    void cancelRequestOnAPromptAnswersCancelled() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of(shell("c1", "touch never.txt")));
        try (AcpClient client = start(config)) {
            String session = client.newSessionId(config.workDir);
            String[] promptId = new String[1];
            client.onPermission(p -> {
                try {
                    client.notify("$/cancel_request", ServerProcess.JSON.createObjectNode().put("requestId", Long.parseLong(promptId[0])));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return AcpClient.cancelledOutcome(p);
            });
            promptId[0] = client.send("session/prompt", AcpClient.promptParams(session, "start"));
            AcpClient.Exchange turn = client.await(promptId[0]);
            assertEquals("cancelled", turn.result().path("stopReason").asText(), turn.response().toString());
            assertNothingMore(client);
        }
    }

    @Test
    void modesConfigOptionsListResumeAndClose() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("text: one", "text: two"));
        String session;
        try (AcpClient client = start(config)) {
            session = client.newSessionId(config.workDir);
            AcpClient.Exchange mode = client.call("session/set_mode",
                    ServerProcess.JSON.createObjectNode().put("sessionId", session).put("modeId", "yolo"));
            assertEquals(ServerProcess.JSON.createObjectNode(), mode.result());
            assertTrue(kinds(mode.updates()).contains("current_mode_update"), kinds(mode.updates()).toString());
            AcpClient.Exchange option = client.call("session/set_config_option", ServerProcess.JSON.createObjectNode()
                    .put("sessionId", session).put("configId", "thinking").put("value", "on"));
            assertTrue(option.ok(), option.response().toString());
            List<String> ids = new ArrayList<>();
            option.result().path("configOptions").forEach(o -> ids.add(o.path("id").asText()));
            assertTrue(ids.containsAll(List.of("mode", "model", "thinking")), "the complete list: " + ids);
            AcpClient.Exchange turn = client.prompt(session, "first words");
            assertEquals("end_turn", turn.result().path("stopReason").asText());
            AcpClient.Exchange bad = client.call("session/set_mode",
                    ServerProcess.JSON.createObjectNode().put("sessionId", session).put("modeId", "no-such-mode"));
            assertFalse(bad.ok(), bad.response().toString());
        }
        try (AcpClient client = start(config)) {
            AcpClient.Exchange list = client.call("session/list", ServerProcess.JSON.createObjectNode()
                    .put("cwd", config.workDir.toString()));
            JsonNode sessions = list.result().path("sessions");
            assertTrue(sessions.size() >= 1 && sessions.get(0).path("sessionId").asText().equals(session), list.response().toString());
            assertEquals(config.workDir.toString(), sessions.get(0).path("cwd").asText());
            ObjectNode resume = ServerProcess.JSON.createObjectNode().put("sessionId", session).put("cwd", config.workDir.toString());
            AcpClient.Exchange resumed = client.call("session/resume", resume);
            assertTrue(resumed.ok(), resumed.response().toString());
            for (JsonNode update : resumed.updates()) {
                assertTrue(SESSION_LEVEL.contains(update.path("sessionUpdate").asText()), "resume replays nothing: " + update);
            }
            AcpClient.Exchange turn = client.prompt(session, "after resume");
            assertEquals("end_turn", turn.result().path("stopReason").asText(), turn.response().toString());
            AcpClient.Exchange close = client.call("session/close", ServerProcess.JSON.createObjectNode().put("sessionId", session));
            assertEquals(ServerProcess.JSON.createObjectNode(), close.result());
            AcpClient.Exchange closeAgain = client.call("session/close", ServerProcess.JSON.createObjectNode().put("sessionId", "no-such"));
            assertEquals(-32002, closeAgain.error().path("code").asInt(), closeAgain.response().toString());
            AcpClient.Exchange unknown = client.prompt("no-such-session", "hello?");
            assertEquals(-32002, unknown.error().path("code").asInt(), unknown.response().toString());
            assertNothingMore(client);
        }
    }

    @Test
    void jsonRpcErrorsAndIdsEchoedExactly() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of(shell("c1", "echo slow"), "text: x"));
        try (AcpClient client = start(config)) {
            ServerProcess server = client.server;
            server.sendLine("{not json");
            JsonNode parse = server.next();
            assertTrue(parse.has("id") && parse.get("id").isNull(), parse.toString());
            assertEquals(-32700, parse.path("error").path("code").asInt());
            server.sendLine("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":1}}]");
            JsonNode batch = server.next();
            assertTrue(batch.get("id").isNull());
            assertEquals(-32600, batch.path("error").path("code").asInt());
            for (String id : List.of("0", "9007199254740993", "123456789012345678901234567890", "\"7\"", "-5")) {
                server.sendLine("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"no/such\",\"params\":{}}");
                JsonNode answer = server.next();
                assertEquals(id, answer.get("id").toString(), "the id echoed exactly: " + answer);
                assertEquals(-32601, answer.path("error").path("code").asInt());
            }
            server.sendLine("{\"jsonrpc\":\"2.0\",\"id\":\"ext\",\"method\":\"_vendor/thing\",\"params\":{}}");
            assertEquals(-32601, server.next().path("error").path("code").asInt());
            server.sendLine("{\"jsonrpc\":\"2.0\",\"method\":\"no/such/notification\",\"params\":{}}");
            server.sendLine("{\"jsonrpc\":\"2.0\",\"method\":\"session/cancel\",\"params\":{\"sessionId\":\"nobody\"}}");
            server.sendLine("");
            assertNothingMore(client);
            AcpClient.Exchange invalid = client.call("session/new", "{\"mcpServers\":[]}");
            assertEquals(-32602, invalid.error().path("code").asInt(), "session/new without cwd: " + invalid.response());
            String session = client.newSessionId(config.workDir);
            String first = client.send("session/prompt", AcpClient.promptParams(session, "one"));
            // the first prompt now waits for a permission; a second one while it runs is refused
            JsonNode permission = server.until(m -> "session/request_permission".equals(m.path("method").asText())).getLast();
            AcpClient.Exchange second = client.prompt(session, "two");
            assertFalse(second.ok(), "a second prompt while one runs: " + second.response());
            assertEquals(-32603, second.error().path("code").asInt());
            ObjectNode allow = ServerProcess.JSON.createObjectNode().put("jsonrpc", "2.0");
            allow.set("id", permission.get("id"));
            allow.set("result", AcpClient.allowOnce(permission.path("params")));
            server.send(allow);
            assertEquals("end_turn", client.await(first).result().path("stopReason").asText());
            assertNothingMore(client);
            ConformanceReport.note("acp json-rpc error cases", 12);
        }
    }

    @Test
    void sessionLoadInAFreshProcessReplaysWhatWasSent() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("think: let me think\ntext: Hello, \ntext: world",
                shell("c1", "echo loaded"), "text: ran it", "text: last words"));
        String session;
        List<String> prompts = List.of("first question", "run something", "anything else?");
        List<List<JsonNode>> live = new ArrayList<>();
        try (AcpClient client = start(config)) {
            session = client.newSessionId(config.workDir);
            for (String prompt : prompts) {
                AcpClient.Exchange turn = client.prompt(session, prompt);
                assertEquals("end_turn", turn.result().path("stopReason").asText());
                live.add(turn.updates());
            }
        }
        try (AcpClient client = start(config)) {
            ObjectNode load = ServerProcess.JSON.createObjectNode().put("sessionId", session).put("cwd", config.workDir.toString());
            load.putArray("mcpServers");
            AcpClient.Exchange loaded = client.call("session/load", load);
            assertTrue(loaded.ok(), loaded.response().toString());
            List<JsonNode> replay = loaded.updates();
            assertEquals(AcpConversation.live(prompts, live), AcpConversation.replayed(replay),
                    "session/load replays the conversation that was sent: live " + live + "\nreplayed " + replay);
            AcpClient.Exchange next = client.prompt(session, "continuing");
            assertTrue(next.ok(), next.response().toString());
            ConformanceReport.note("acp updates compared live vs session/load", replay.size());
        }
    }

    /**
     * Bug: {@code $/cancel_request} with a {@code requestId} that is neither a string nor a number the parser
     * can hold (true, 1e99999) throws NumberFormatException out of InboundDispatcher.cancelRequest/idOf on the
     * reader thread and the server exits with status 1. A notification is never answered; it must be ignored.
     */
    @Test
    void aMalformedCancelRequestIsIgnoredNotACrash() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("text: hi"));
        try (AcpClient client = start(config)) {
            for (String requestId : List.of("true", "false", "1e99999", "{}", "[1]", "null", "\"nope\"", "1.5")) {
                client.server.sendLine("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancel_request\",\"params\":{\"requestId\":"
                        + requestId + "}}");
                assertNothingMore(client);
                assertTrue(client.server.isAlive(), "requestId " + requestId + " stopped the server: " + client.server.stderr());
            }
        }
    }

    /**
     * INTERFACE.md: {@code session/new} asks for authentication only when the provider needs OAuth credentials
     * and none are usable, with {@code data.authMethods} as {@code initialize} advertised them; a provider with
     * a static api key never does.
     */
    @Test
    void sessionNewAsksForAuthenticationOnlyWithoutUsableCredentials() throws Exception {
        for (String apiKey : List.of("", "a-static-key")) {
            Path share = Files.createDirectories(temp.resolve("share-" + apiKey.length()));
            Files.writeString(share.resolve("config.toml"), """
                    default_model = "k"
                    [models.k]
                    provider = "k"
                    model = "kimi-test"
                    max_context_size = 100000
                    [providers.k]
                    type = "kimi"
                    base_url = "http://127.0.0.1:9/v1"
                    api_key = "%s"
                    oauth = { storage = "file", key = "oauth/kimi-code" }
                    """.formatted(apiKey));
            try (AcpClient client = AcpClient.start(List.of(), java.util.Map.of("KIMI_SHARE_DIR", share.toString(),
                    "HOME", temp.toString(), "KIMI_CODE_OAUTH_HOST", "http://127.0.0.1:9"), temp)) {
                JsonNode init = client.initialize();
                AcpClient.Exchange created = client.newSession(temp);
                if (apiKey.isEmpty()) {
                    assertEquals(-32000, created.error().path("code").asInt(), created.response().toString());
                    assertEquals(init.path("authMethods"), created.error().path("data").path("authMethods"));
                    assertFalse(init.path("authMethods").isEmpty(), "a login method is advertised: " + init);
                } else {
                    assertTrue(created.ok(), "a static api key never triggers auth_required: " + created.response());
                }
            }
        }
    }

    @Test
    void exitsWithZeroAtEndOfInput() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("text: hi"));
        AcpClient client = start(config);
        client.server.closeStdin();
        assertTrue(client.server.waitForExit(Duration.ofSeconds(10)));
        assertEquals(0, client.server.exitCode());
        client.close();
    }
}
