package dev.agentserver.conformance.wire;

import static dev.agentserver.conformance.wire.WireTurns.assertFramed;
import static dev.agentserver.conformance.wire.WireTurns.assertNothingMore;
import static dev.agentserver.conformance.wire.WireTurns.json;
import static dev.agentserver.conformance.wire.WireTurns.prompt;
import static dev.agentserver.conformance.wire.WireTurns.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.agentserver.conformance.ConformanceReport;
import dev.agentserver.conformance.ScriptedConfig;
import dev.agentserver.conformance.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire protocol over stdio, method by method and error code by error code, with the ordering rules
 * checked on every turn: TurnBegin first, TurnEnd once and last on every exit path, every update before the
 * prompt's answer, nothing after it; and replay in a fresh process equal to what was sent live, merged.
 * What the reference does and where this server differs on purpose: PROTOCOL.md and docs/wire.md.
 */
class WireProtocolTest {

    static final String INIT = "{\"protocol_version\":\"1.10\",\"client\":{\"name\":\"conformance\",\"version\":\"1\"}}";
    static final String BUSY = "An agent turn is already in progress";
    static final String IDLE = "No agent turn is in progress";

    @TempDir
    Path temp;

    static String shell(String id, String command) {
        return "tool_call: {\"id\":\"" + id + "\",\"name\":\"Shell\",\"arguments\":\"{\\\"command\\\":\\\"" + command + "\\\"}\"}";
    }

    static void answer(ServerProcess server, String id, String result) throws Exception {
        server.sendLine("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":" + result + "}");
    }

    static JsonNode awaitRequest(ServerProcess server, List<JsonNode> seen) throws Exception {
        List<JsonNode> got = server.until(m -> "request".equals(m.path("method").asText()));
        seen.addAll(got);
        JsonNode request = got.getLast();
        assertEquals(request.path("params").path("payload").path("id").asText(), request.path("id").asText(),
                "an agent-to-client request's JSON-RPC id is payload.id: " + request);
        return request;
    }

    static JsonNode error(ServerProcess server, String id) throws Exception {
        return server.untilAnswer(id).getLast().path("error");
    }

    @Test
    void initializeAnswersTheDocumentedShape() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("text: hi"));
        try (ServerProcess server = config.startWire()) {
            server.request("init", "initialize", """
                    {"protocol_version":"1.7","client":{"name":"c","version":"1"},
                     "capabilities":{"supports_question":true,"supports_plan_mode":true},
                     "external_tools":[{"name":"ext_ok","description":"d","parameters":{"type":"object","properties":{}}},
                                       {"name":"Shell","description":"mine","parameters":{"type":"object"}},
                                       {"name":"bad_schema","description":"d","parameters":{"type":"string"}}],
                     "hooks":[{"id":"h1","event":"Stop"},{"id":"h2","event":"PreToolUse","matcher":"Shell","timeout":5},
                              {"id":"h3","event":"NoSuchEvent"}]}""");
            JsonNode result = server.untilAnswer("init").getLast().path("result");
            assertEquals("1.10", result.path("protocol_version").asText(), "the server's own version, never negotiated");
            assertEquals("Kimi Code CLI", result.path("server").path("name").asText());
            assertTrue(result.path("server").path("version").isTextual());
            for (JsonNode command : result.path("slash_commands")) {
                assertTrue(command.path("name").isTextual() && command.path("description").isTextual()
                        && command.path("aliases").isArray(), command.toString());
            }
            assertEquals("[\"ext_ok\"]", result.path("external_tools").path("accepted").toString());
            assertEquals("[{\"name\":\"Shell\",\"reason\":\"conflicts with builtin tool\"},"
                    + "{\"name\":\"bad_schema\",\"reason\":\"invalid schema\"}]",
                    result.path("external_tools").path("rejected").toString());
            assertEquals("[\"PreToolUse\",\"PostToolUse\",\"PostToolUseFailure\",\"UserPromptSubmit\",\"Stop\","
                    + "\"StopFailure\",\"SessionStart\",\"SessionEnd\",\"SubagentStart\",\"SubagentStop\",\"PreCompact\","
                    + "\"PostCompact\",\"Notification\"]", result.path("hooks").path("supported_events").toString());
            assertEquals(json("{\"Stop\":1,\"PreToolUse\":1}"), result.path("hooks").path("configured"));
            assertEquals(json("{\"supports_question\":true}"), result.path("capabilities"));

            server.request("init2", "initialize", "{\"protocol_version\":\"1.10\"}");
            JsonNode again = server.untilAnswer("init2").getLast();
            assertFalse(again.path("result").has("external_tools"), "external_tools only when some were sent: " + again);
            assertEquals(json("{}"), json("{}"));
            assertNothingMore(server);
        }
    }

    @Test
    void everyMethodWhileATurnRunsAndAfterIt() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of(shell("c1", "echo hi")));
        try (ServerProcess server = config.startWire()) {
            server.request("init", "initialize", INIT);
            server.untilAnswer("init");
            server.request("p1", "prompt", "{\"user_input\":\"needs approval\"}");
            List<JsonNode> live = new ArrayList<>();
            awaitRequest(server, live);

            server.request("i2", "initialize", INIT);
            assertEquals(json("{\"code\":-32000,\"message\":\"" + BUSY + "\",\"data\":null}"), error(server, "i2"));
            server.request("p2", "prompt", "{\"user_input\":\"again\"}");
            assertEquals(BUSY, error(server, "p2").path("message").asText());
            server.request("r", "replay", null);
            assertEquals(BUSY, error(server, "r").path("message").asText());
            server.request("plan", "set_plan_mode", "{\"enabled\":true}");
            List<JsonNode> plan = server.untilAnswer("plan");
            assertEquals(json("{\"status\":\"ok\",\"plan_mode\":true}"), plan.getLast().path("result"));
            JsonNode status = plan.get(plan.size() - 2);
            assertEquals("StatusUpdate", type(status), "a StatusUpdate before set_plan_mode's result: " + plan);
            assertTrue(status.path("params").path("payload").path("plan_mode").asBoolean());
            assertTrue(status.path("params").path("payload").path("context_usage").isNull());

            server.request("c", "cancel", null);
            List<JsonNode> rest = new ArrayList<>(server.untilAnswer("p1"));
            // The cancel's answer and the prompt's race: both orders are allowed.
            JsonNode cancelAnswer = rest.stream().filter(m -> "c".equals(m.path("id").asText(null))).findFirst()
                    .orElse(null);
            if (cancelAnswer == null) {
                cancelAnswer = server.untilAnswer("c").getLast();
            }
            rest.removeIf(m -> "c".equals(m.path("id").asText(null)));
            live.addAll(rest);
            assertEquals(json("{}"), cancelAnswer.path("result"));
            WireTurns.Turn turn = new WireTurns.Turn(live.subList(0, live.size() - 1), live.getLast());
            assertEquals("cancelled", turn.status());
            List<String> types = turn.types();
            assertFalse(types.contains("StepInterrupted"), "no StepInterrupted for a cancel: " + types);
            assertTrue(types.indexOf("ApprovalResponse") >= 0 && types.indexOf("ApprovalResponse") < types.indexOf("TurnEnd"),
                    "the cancelled approval is announced (reject) before TurnEnd: " + types);
            JsonNode reject = turn.events().stream().filter(e -> type(e).equals("ApprovalResponse")).findFirst().orElseThrow();
            assertEquals("reject", reject.path("params").path("payload").path("response").asText());
            assertFramed(server, turn);

            server.request("c2", "cancel", null);
            assertEquals(json("{\"code\":-32000,\"message\":\"" + IDLE + "\",\"data\":null}"), error(server, "c2"));
            server.request("s2", "steer", "{\"user_input\":\"late\"}");
            assertEquals(IDLE, error(server, "s2").path("message").asText());
            ConformanceReport.note("wire methods exercised busy and idle", 6);
        }
    }

    @Test
    void steerDuringATurnIsConsumedAsSteerInput() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of(shell("c1", "echo one"), "text: steered answer"));
        try (ServerProcess server = config.startWire()) {
            server.request("init", "initialize", INIT);
            server.untilAnswer("init");
            server.request("p", "prompt", "{\"user_input\":\"start\"}");
            List<JsonNode> live = new ArrayList<>();
            JsonNode approval = awaitRequest(server, live);
            server.request("s", "steer", "{\"user_input\":\"and also this\"}");
            List<JsonNode> steer = server.untilAnswer("s");
            live.addAll(steer.subList(0, steer.size() - 1));
            assertEquals(json("{\"status\":\"steered\"}"), steer.getLast().path("result"));
            String id = approval.path("id").asText();
            answer(server, id, "{\"request_id\":\"" + id + "\",\"response\":\"approve\"}");
            live.addAll(server.untilAnswer("p"));
            WireTurns.Turn turn = new WireTurns.Turn(live.subList(0, live.size() - 1), live.getLast());
            assertEquals("finished", turn.status());
            JsonNode steerInput = turn.events().stream().filter(e -> type(e).equals("SteerInput")).findFirst()
                    .orElseThrow(() -> new AssertionError("no SteerInput: " + turn.types()));
            assertEquals("and also this", steerInput.path("params").path("payload").path("user_input").asText());
            assertTrue(turn.types().lastIndexOf("StepBegin") > turn.types().indexOf("SteerInput"),
                    "another step after the steer: " + turn.types());
            assertFramed(server, turn);
        }
    }

    @Test
    void maxStepsReachedEndsTheTurnWithItsStepCount() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of(shell("c1", "echo one"), "text: never"));
        try (ServerProcess server = config.startWire("--yolo", "--max-steps-per-turn", "1")) {
            WireTurns.Turn turn = prompt(server, "p", "go");
            assertEquals(json("{\"status\":\"max_steps_reached\",\"steps\":1}"), turn.answer().path("result"));
            assertEquals(List.of("TurnBegin", "StepBegin", "ToolCall", "StatusUpdate", "ToolResult", "TurnEnd"), turn.types());
            assertFramed(server, turn);
        }
    }

    @Test
    void providerErrorsAreMinus32003AndTheTurnStillEnds() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("bad line without colon"));
        try (ServerProcess server = config.startWire("--yolo")) {
            WireTurns.Turn bad = prompt(server, "p1", "one");
            assertEquals(json("{\"code\":-32003,\"message\":\"Invalid echo DSL at line 1: 'bad line without colon'\",\"data\":null}"),
                    bad.answer().path("error"));
            assertTrue(bad.types().contains("StepInterrupted"), bad.types().toString());
            assertFramed(server, bad);
            WireTurns.Turn exhausted = prompt(server, "p2", "two");
            assertEquals(-32003, exhausted.errorCode());
            assertTrue(exhausted.answer().path("error").path("message").asText().startsWith("ScriptedEchoChatProvider exhausted at turn"),
                    exhausted.answer().toString());
            assertFramed(server, exhausted);
        }
    }

    @Test
    void framingAndEnvelopeErrors() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("text: hi"));
        try (ServerProcess server = config.startWire("--yolo")) {
            String parse = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Invalid JSON format\",\"data\":null}}";
            String invalid = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid request\",\"data\":null}}";
            for (String line : List.of("{not json", "", "   ", "{\"a\":1,}", "{'single':'quotes'}")) {
                server.sendLine(line);
                assertEquals(json(parse), server.next(), "the answer to '" + line + "'");
            }
            for (String line : List.of("[]", "[{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"initialize\"}]", "42", "\"s\"", "null",
                    "{\"jsonrpc\":\"1.0\",\"id\":\"v\",\"method\":\"initialize\"}", "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"initialize\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"initialize\"}", "{\"jsonrpc\":\"2.0\",\"id\":\"m\",\"method\":7}")) {
                server.sendLine(line);
                assertEquals(json(invalid), server.next(), "the answer to '" + line + "'");
            }
            server.sendLine("{\"jsonrpc\":\"2.0\",\"id\":\"u1\",\"method\":\"set_model\",\"params\":{}}");
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":\"u1\",\"error\":{\"code\":-32601,"
                    + "\"message\":\"Unexpected method received: set_model\",\"data\":null}}"), server.next());
            server.sendLine("{\"id\":\"nojsonrpc\",\"method\":\"event\",\"params\":{\"type\":\"TurnEnd\",\"payload\":{}}}");
            assertEquals(-32601, server.next().path("error").path("code").asInt(), "a client may not send events");
            server.sendLine("{\"jsonrpc\":\"2.0\",\"id\":\"np\",\"method\":\"prompt\"}");
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":\"np\",\"error\":{\"code\":-32602,"
                    + "\"message\":\"Invalid parameters for method `prompt`\",\"data\":null}}"), server.next());
            server.sendLine("{\"jsonrpc\":\"2.0\",\"id\":\"bogus\",\"method\":\"prompt\",\"params\":{\"user_input\":[{\"type\":\"bogus\"}]}}");
            assertEquals(-32602, server.next().path("error").path("code").asInt(), "a content part of unknown type");
            server.sendLine("{\"jsonrpc\":\"2.0\",\"id\":\"pm\",\"method\":\"set_plan_mode\",\"params\":{\"enabled\":[]}}");
            assertEquals(-32602, server.next().path("error").path("code").asInt());
            // Never answered: notifications (even of known methods), responses to unknown ids, {}.
            for (String line : List.of("{\"jsonrpc\":\"2.0\",\"method\":\"cancel\"}", "{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":\"never-asked\",\"result\":{\"response\":\"approve\"}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":\"never-asked\",\"error\":{\"code\":1,\"message\":\"x\"}}", "{}")) {
                server.sendLine(line);
            }
            assertNothingMore(server);
            WireTurns.Turn turn = prompt(server, "after", "still fine");
            assertEquals("finished", turn.status(), "the server goes on after every bad line");
            assertFramed(server, turn);
            ConformanceReport.note("wire framing error cases", 19);
        }
    }

    /**
     * Bug: a numeric id beyond Gson's number limits (e.g. {@code 1e99999}) throws NumberFormatException out of
     * InboundDispatcher.idOf on the reader thread and the server exits with status 1.
     */
    @Test
    void numericIdsBeyondTheParserLimitsAreAnErrorNotACrash() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("text: hi"));
        try (ServerProcess server = config.startWire("--yolo")) {
            for (String id : List.of("1e99999", "1e99999999999", "-1E+100000", "1.5e-999999")) {
                server.sendLine("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocol_version\":\"1.10\"}}");
                JsonNode answer = server.next();
                assertTrue(answer.has("error") || answer.has("result"), "the id " + id + " is answered: " + answer);
                assertTrue(server.isAlive(), "the server survives the id " + id + ": " + server.stderr());
            }
            assertNothingMore(server);
        }
    }

    @Test
    void approvalsReachAClientThatNeverInitialized() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of(shell("c1", "echo legacy"), "text: done"));
        try (ServerProcess server = config.startWire()) {
            server.request("p", "prompt", "{\"user_input\":\"no handshake\"}");
            List<JsonNode> live = new ArrayList<>();
            JsonNode approval = awaitRequest(server, live);
            JsonNode payload = approval.path("params").path("payload");
            assertEquals("ApprovalRequest", type(approval));
            for (String field : List.of("id", "tool_call_id", "sender", "action", "description", "source_kind", "source_id",
                    "agent_id", "subagent_type", "source_description", "display")) {
                assertTrue(payload.has(field), "ApprovalRequest carries " + field + ": " + payload);
            }
            assertEquals("c1", payload.path("tool_call_id").asText());
            String id = approval.path("id").asText();
            answer(server, id, "{\"request_id\":\"" + id + "\",\"response\":\"approve\"}");
            live.addAll(server.untilAnswer("p"));
            WireTurns.Turn turn = new WireTurns.Turn(live.subList(0, live.size() - 1), live.getLast());
            assertEquals("finished", turn.status());
            assertFramed(server, turn);
        }
    }

    @Test
    void aRejectedToolCallEndsTheTurnFinished() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of(shell("c1", "touch never.txt"), "text: unreachable"));
        try (ServerProcess server = config.startWire()) {
            server.request("init", "initialize", INIT);
            server.untilAnswer("init");
            server.request("p", "prompt", "{\"user_input\":\"try\"}");
            List<JsonNode> live = new ArrayList<>();
            JsonNode approval = awaitRequest(server, live);
            String id = approval.path("id").asText();
            answer(server, id, "{\"request_id\":\"" + id + "\",\"response\":\"reject\"}");
            live.addAll(server.untilAnswer("p"));
            WireTurns.Turn turn = new WireTurns.Turn(live.subList(0, live.size() - 1), live.getLast());
            assertEquals("finished", turn.status(), "a rejection ends the turn as finished");
            assertEquals(List.of("TurnBegin", "StepBegin", "ToolCall", "StatusUpdate", "request:ApprovalRequest",
                    "ApprovalResponse", "ToolResult", "TurnEnd"), turn.types());
            JsonNode result = turn.events().stream().filter(e -> type(e).equals("ToolResult")).findFirst().orElseThrow()
                    .path("params").path("payload").path("return_value");
            assertTrue(result.path("is_error").asBoolean());
            assertEquals("The tool call is rejected by the user. Stop what you are doing and wait for the user to tell you "
                    + "how to proceed.", result.path("message").asText());
            assertEquals(json("[{\"type\":\"brief\",\"text\":\"Rejected by user\"}]"), result.path("display"));
            assertFalse(Files.exists(config.workDir.resolve("never.txt")));
            assertFramed(server, turn);
        }
    }

    @Test
    void approveForSessionIsNotAskedAgain() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of(shell("c1", "echo one"), shell("c2", "echo two"), "text: done"));
        try (ServerProcess server = config.startWire()) {
            server.request("init", "initialize", INIT);
            server.untilAnswer("init");
            server.request("p", "prompt", "{\"user_input\":\"two commands\"}");
            List<JsonNode> live = new ArrayList<>();
            JsonNode approval = awaitRequest(server, live);
            String id = approval.path("id").asText();
            answer(server, id, "{\"request_id\":\"" + id + "\",\"response\":\"approve_for_session\"}");
            live.addAll(server.untilAnswer("p"));
            WireTurns.Turn turn = new WireTurns.Turn(live.subList(0, live.size() - 1), live.getLast());
            assertEquals(1, turn.types().stream().filter(t -> t.equals("request:ApprovalRequest")).count(), turn.types().toString());
            assertEquals(2, turn.types().stream().filter(t -> t.equals("ToolResult")).count(), turn.types().toString());
            assertFramed(server, turn);
        }
    }

    @Test
    void externalToolsAndHooksAreRequestsAnsweredByTheClient() throws Exception {
        String ext = "tool_call: {\"id\":\"e1\",\"name\":\"my_tool\",\"arguments\":\"{\\\"q\\\":1}\"}";
        ScriptedConfig config = new ScriptedConfig(temp, List.of(ext, shell("c2", "echo hooked"), "text: done"));
        try (ServerProcess server = config.startWire("--yolo")) {
            server.request("init", "initialize", "{\"protocol_version\":\"1.10\",\"external_tools\":[{\"name\":\"my_tool\","
                    + "\"description\":\"d\",\"parameters\":{\"type\":\"object\"}}],"
                    + "\"hooks\":[{\"id\":\"h1\",\"event\":\"PreToolUse\",\"matcher\":\"Shell\",\"timeout\":10}]}");
            server.untilAnswer("init");
            server.request("p", "prompt", "{\"user_input\":\"use my tool\"}");
            List<JsonNode> live = new ArrayList<>();
            JsonNode call = awaitRequest(server, live);
            assertEquals("ToolCallRequest", type(call));
            assertEquals(json("{\"id\":\"e1\",\"name\":\"my_tool\",\"arguments\":\"{\\\"q\\\":1}\"}"), call.path("params").path("payload"));
            answer(server, "e1", "{\"tool_call_id\":\"e1\",\"return_value\":{\"is_error\":false,\"output\":\"external says hi\","
                    + "\"message\":\"\",\"display\":[]}}");
            JsonNode hook = awaitRequest(server, live);
            assertEquals("HookRequest", type(hook));
            JsonNode hookPayload = hook.path("params").path("payload");
            assertEquals("h1", hookPayload.path("subscription_id").asText());
            assertEquals("PreToolUse", hookPayload.path("event").asText());
            answer(server, hook.path("id").asText(), "{\"request_id\":\"" + hook.path("id").asText() + "\",\"action\":\"allow\",\"reason\":\"\"}");
            live.addAll(server.untilAnswer("p"));
            WireTurns.Turn turn = new WireTurns.Turn(live.subList(0, live.size() - 1), live.getLast());
            assertEquals("finished", turn.status());
            JsonNode first = turn.events().stream().filter(e -> type(e).equals("ToolResult")).findFirst().orElseThrow();
            assertEquals("external says hi", first.path("params").path("payload").path("return_value").path("output").asText());
            assertTrue(turn.types().contains("HookTriggered") && turn.types().contains("HookResolved"), turn.types().toString());
            assertFramed(server, turn);
        }
    }

    @Test
    void slashClearIsATurnWithoutSteps() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("text: hi"));
        try (ServerProcess server = config.startWire("--yolo")) {
            WireTurns.Turn turn = prompt(server, "p", "/clear");
            assertEquals("finished", turn.status());
            assertFalse(turn.types().contains("StepBegin"), turn.types().toString());
            assertEquals("The context has been cleared.", turn.events().get(1).path("params").path("payload").path("text").asText(),
                    turn.messages().toString());
            assertFramed(server, turn);
        }
    }

    /**
     * Replay in a fresh process sends exactly what was sent live, merged: several turns over three processes
     * (text and think deltas, a tool call streamed in parts, an approval that is not recorded, an external tool
     * request that is, a plan-mode change, an error turn).
     */
    @Test
    void replayInAFreshProcessEqualsWhatWasSentLiveMerged() throws Exception {
        String streamed = String.join("\n", "think: let me ", "think: see", "text: Hel", "text: lo ", "text: world",
                "tool_call: {\"id\":\"c1\",\"name\":\"Shell\",\"arguments\":null}",
                "tool_call_part: {\"arguments_part\":\"{\\\"command\\\":\"}",
                "tool_call_part: {\"arguments_part\":\"\\\"echo streamed\\\"}\"}",
                "usage: input_other=5 output=2");
        String ext = "tool_call: {\"id\":\"e1\",\"name\":\"my_tool\",\"arguments\":\"{}\"}";
        ScriptedConfig config = new ScriptedConfig(temp, List.of(streamed, "text: first done"));
        List<JsonNode> live = new ArrayList<>();
        try (ServerProcess server = config.startWire("--yolo", "--session", "replayed")) {
            live.addAll(prompt(server, "p1", "first").messages());
            server.request("plan", "set_plan_mode", "{\"enabled\":true}");
            List<JsonNode> plan = server.untilAnswer("plan");
            live.addAll(plan.subList(0, plan.size() - 1));
        }
        config.setScripts(List.of(shell("c2", "echo approved"), "text: second done"));
        try (ServerProcess server = config.startWire("--session", "replayed")) {
            server.request("init", "initialize", INIT);
            server.untilAnswer("init");
            server.request("p2", "prompt", "{\"user_input\":[{\"type\":\"text\",\"text\":\"second\"}]}");
            JsonNode approval = awaitRequest(server, live);
            String id = approval.path("id").asText();
            answer(server, id, "{\"request_id\":\"" + id + "\",\"response\":\"approve\"}");
            List<JsonNode> rest = server.untilAnswer("p2");
            live.addAll(rest.subList(0, rest.size() - 1));
        }
        config.setScripts(List.of(ext, "text: third done", "error: 400 nope"));
        try (ServerProcess server = config.startWire("--yolo", "--session", "replayed")) {
            server.request("init", "initialize", "{\"protocol_version\":\"1.10\",\"external_tools\":[{\"name\":\"my_tool\","
                    + "\"description\":\"d\",\"parameters\":{\"type\":\"object\"}}]}");
            server.untilAnswer("init");
            server.request("p3", "prompt", "{\"user_input\":\"third\"}");
            JsonNode call = awaitRequest(server, live);
            answer(server, call.path("id").asText(), "{\"tool_call_id\":\"e1\",\"return_value\":{\"is_error\":true,"
                    + "\"output\":\"\",\"message\":\"it failed\",\"display\":[]}}");
            List<JsonNode> rest = server.untilAnswer("p3");
            live.addAll(rest.subList(0, rest.size() - 1));
            WireTurns.Turn failing = prompt(server, "p4", "fourth");
            assertEquals(-32003, failing.errorCode());
            live.addAll(failing.messages());
        }
        live.removeIf(m -> !m.has("method"));
        List<JsonNode> expected = WireTurns.merged(live);
        try (ServerProcess server = config.startWire("--session", "replayed")) {
            server.request("r", "replay", null);
            List<JsonNode> replay = server.untilAnswer("r");
            ArrayNode replayed = WireTurns.envelopes(replay.subList(0, replay.size() - 1));
            assertEquals(ServerProcess.JSON.valueToTree(expected).toPrettyString(), replayed.toPrettyString(),
                    "replay equals the live stream, merged");
            long requests = expected.stream().filter(e -> e.path("type").asText().endsWith("Request")).count();
            assertEquals(json("{\"status\":\"finished\",\"events\":" + (expected.size() - requests) + ",\"requests\":" + requests + "}"),
                    replay.getLast().path("result"));
            assertEquals(1, requests, "the external tool's ToolCallRequest is recorded, the approval is not");
            for (JsonNode m : replay.subList(0, replay.size() - 1)) {
                if ("request".equals(m.path("method").asText())) {
                    assertEquals(m.path("params").path("payload").path("id").asText(), m.path("id").asText());
                }
            }
            assertNothingMore(server);
        }
        Path wire;
        try (var files = Files.walk(config.shareDir.resolve("sessions"))) {
            wire = files.filter(p -> p.endsWith("wire.jsonl")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(wire);
        assertEquals(json("{\"type\":\"metadata\",\"protocol_version\":\"1.10\"}"), json(lines.getFirst()));
        assertEquals(expected.size() + 1, lines.size(), "one header and one record per merged message");
        for (String line : lines.subList(1, lines.size())) {
            JsonNode record = json(line);
            assertTrue(record.path("timestamp").isNumber() && record.path("message").path("type").isTextual(), line);
        }
        ConformanceReport.note("wire messages compared live vs replay", expected.size());
    }

    /**
     * Bug: a prompt whose text holds a lone surrogate (valid JSON: {@code "\ud800"}) fails with -32603 naming a
     * file, sends neither TurnBegin nor TurnEnd, and leaves a truncated record in wire.jsonl that swallows the
     * next record (WireLog appends through a strict UTF-8 encoder).
     */
    @Test
    void aLoneSurrogateInAPromptIsAnOrdinaryTurn() throws Exception {
        ScriptedConfig config = new ScriptedConfig(temp, List.of("text: one", "text: two"));
        List<JsonNode> live = new ArrayList<>();
        try (ServerProcess server = config.startWire("--yolo", "--session", "s")) {
            server.sendLine("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"prompt\",\"params\":{\"user_input\":\"odd \\ud800 text\"}}");
            WireTurns.Turn odd = WireTurns.read(server, "p");
            assertEquals("finished", odd.status(), odd.answer().toString());
            assertFramed(server, odd);
            live.addAll(odd.messages());
            WireTurns.Turn next = prompt(server, "p2", "next");
            live.addAll(next.messages());
        }
        try (ServerProcess server = config.startWire("--session", "s")) {
            server.request("r", "replay", null);
            List<JsonNode> replay = server.untilAnswer("r");
            assertEquals(ServerProcess.JSON.valueToTree(WireTurns.merged(live)).toString(),
                    WireTurns.envelopes(replay.subList(0, replay.size() - 1)).toString());
        }
    }
}
