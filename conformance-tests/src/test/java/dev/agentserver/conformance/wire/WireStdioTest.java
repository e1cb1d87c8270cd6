package dev.agentserver.conformance.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentserver.conformance.ScriptedConfig;
import dev.agentserver.conformance.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wire protocol through the real launcher, over stdio, with the scripted provider. */
class WireStdioTest {

    @TempDir
    Path temp;

    static List<String> types(List<JsonNode> messages) {
        List<String> types = new ArrayList<>();
        for (JsonNode m : messages) {
            if (m.has("method")) {
                String type = m.path("params").path("type").asText();
                types.add("request".equals(m.get("method").asText()) ? "request:" + type : type);
            }
        }
        return types;
    }

    static JsonNode firstRequest(ServerProcess server) throws InterruptedException {
        List<JsonNode> seen = server.until(m -> "request".equals(m.path("method").asText()));
        return seen.getLast();
    }

    @Test
    void malformedLineThenValidRequest() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("text: hello"));
        try (ServerProcess server = config.startWire("--yolo")) {
            server.sendLine("{not json");
            JsonNode error = server.next();
            assertTrue(error.get("id").isNull());
            assertEquals(-32700, error.path("error").path("code").asInt());
            assertEquals("Invalid JSON format", error.path("error").path("message").asText());
            server.request("init", "initialize", "{\"protocol_version\":\"1.10\",\"client\":{\"name\":\"conformance\"}}");
            JsonNode init = server.next();
            assertEquals("1.10", init.path("result").path("protocol_version").asText());
            assertEquals("Kimi Code CLI", init.path("result").path("server").path("name").asText());
        }
    }

    @Test
    void numericIdsAreEchoedWithTheirType() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("text: hello"));
        try (ServerProcess server = config.startWire("--yolo")) {
            server.sendLine("{\"jsonrpc\":\"2.0\",\"id\":12345678901234567890,\"method\":\"initialize\","
                    + "\"params\":{\"protocol_version\":\"1.10\"}}");
            JsonNode answer = server.next();
            assertTrue(answer.get("id").isIntegralNumber());
            assertEquals("12345678901234567890", answer.get("id").asText());
            server.sendLine("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"prompt\",\"params\":{\"user_input\":\"hi\"}}");
            List<JsonNode> turn = server.until(m -> !m.has("method") && m.path("id").isInt() && m.path("id").asInt() == 7);
            assertEquals("finished", turn.getLast().path("result").path("status").asText());
        }
    }

    @Test
    void aShellToolCallAskedAndApprovedRunsForReal() throws Exception {
        String call = "tool_call: {\"id\":\"c1\",\"name\":\"Shell\",\"arguments\":\"{\\\"command\\\":\\\"echo made-by-shell > out.txt\\\"}\"}";
        ScriptedConfig config = new ScriptedConfig(temp, List.of(call, "text: done"));
        try (ServerProcess server = config.startWire()) {
            server.request("init", "initialize", "{\"protocol_version\":\"1.10\"}");
            server.next();
            server.request("p1", "prompt", "{\"user_input\":\"write the file\"}");
            JsonNode approval = firstRequest(server);
            JsonNode payload = approval.path("params").path("payload");
            assertEquals("ApprovalRequest", approval.path("params").path("type").asText());
            assertEquals(payload.path("id").asText(), approval.path("id").asText());
            assertEquals("Shell", payload.path("sender").asText());
            assertEquals("echo made-by-shell > out.txt", payload.path("display").get(0).path("command").asText());
            String id = approval.path("id").asText();
            server.sendLine("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"request_id\":\"" + id
                    + "\",\"response\":\"approve\"}}");
            List<JsonNode> rest = server.untilAnswer("p1");
            assertEquals(List.of("ApprovalResponse", "ToolResult", "StepBegin", "ContentPart", "StatusUpdate", "TurnEnd"),
                    types(rest));
            assertEquals("made-by-shell", Files.readString(config.workDir.resolve("out.txt")).strip());
        }
    }

    @Test
    void sessionsContinueAcrossProcessesAndReplay() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("text: first"));
        try (ServerProcess server = config.startWire("--yolo", "--session", "sess-1")) {
            server.request("p1", "prompt", "{\"user_input\":\"one\"}");
            server.untilAnswer("p1");
        }
        config.setScripts(List.of("text: second"));
        try (ServerProcess server = config.startWire("--yolo", "--continue")) {
            server.request("p2", "prompt", "{\"user_input\":\"two\"}");
            server.untilAnswer("p2");
        }
        try (ServerProcess server = config.startWire("--yolo", "--session", "sess-1")) {
            server.request("r", "replay", null);
            List<JsonNode> replay = server.untilAnswer("r");
            assertEquals(List.of("TurnBegin", "StepBegin", "ContentPart", "StatusUpdate", "TurnEnd",
                    "TurnBegin", "StepBegin", "ContentPart", "StatusUpdate", "TurnEnd"), types(replay));
            assertEquals("{\"status\":\"finished\",\"events\":10,\"requests\":0}", replay.getLast().path("result").toString());
        }
        try (var files = Files.walk(config.shareDir.resolve("sessions"))) {
            Path wire = files.filter(p -> p.endsWith("wire.jsonl")).findFirst().orElseThrow();
            assertEquals(11, Files.readAllLines(wire).size(), "metadata line plus 2 x 5 records");
            assertEquals("sess-1", wire.getParent().getFileName().toString());
        }
    }

    @Test
    void noModelConfiguredAnswersLlmNotSet() throws Exception {
        Path share = Files.createDirectories(temp.resolve("empty-share"));
        try (ServerProcess server = ServerProcess.start(List.of("--wire", "--work-dir", temp.toString()),
                java.util.Map.of("KIMI_SHARE_DIR", share.toString(), "HOME", temp.toString()), temp)) {
            server.request("p", "prompt", "{\"user_input\":\"hi\"}");
            List<JsonNode> turn = server.untilAnswer("p");
            assertEquals(-32001, turn.getLast().path("error").path("code").asInt());
            assertEquals("LLM is not set", turn.getLast().path("error").path("message").asText());
            assertEquals(List.of("TurnBegin", "TurnEnd"), types(turn));
        }
    }

    @Test
    void exitsPromptlyWithZeroAtEndOfInputEvenMidTurn() throws Exception {
        String call = "tool_call: {\"id\":\"c1\",\"name\":\"Shell\",\"arguments\":\"{\\\"command\\\":\\\"sleep 30\\\"}\"}";
        ScriptedConfig config = new ScriptedConfig(temp, List.of(call));
        ServerProcess server = config.startWire("--yolo");
        server.request("p1", "prompt", "{\"user_input\":\"sleep\"}");
        server.until(m -> "ToolCall".equals(m.path("params").path("type").asText()));
        server.closeStdin();
        assertTrue(server.waitForExit(Duration.ofSeconds(10)), "exits at end of input");
        assertEquals(0, server.exitCode());
        assertTrue(server.violations().isEmpty(), server.violations().toString());
    }

    @Test
    void aBadConfigFileIsOneClearLineAndANonZeroExit() throws Exception {
        Path bad = temp.resolve("bad.toml");
        Files.writeString(bad, "default_model = [unclosed");
        ServerProcess server = ServerProcess.start(List.of("--wire", "--config-file", bad.toString()),
                java.util.Map.of("KIMI_SHARE_DIR", temp.toString(), "HOME", temp.toString()), temp);
        assertTrue(server.waitForExit(Duration.ofSeconds(20)));
        assertFalse(server.exitCode() == 0);
        assertTrue(server.stderr().startsWith("agent-server: "), server.stderr());
        assertTrue(server.violations().isEmpty());
    }
}
