package dev.agentserver.server.wire;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WireServerTest {

    @TempDir
    Path temp;

    private static final String SHOUT = "tool_call: {\"id\":\"call-1\",\"name\":\"Shout\",\"arguments\":\"{\\\"word\\\":\\\"hi\\\"}\"}";

    private WireHarness harness(List<String> scripts, boolean yolo) throws Exception {
        return new WireHarness(temp, scripts, List.of(new ApprovalTool()), yolo, 100, "s1");
    }

    @Test
    void textOnlyTurnHasTheReferenceSequence() throws Exception {
        try (WireHarness h = harness(List.of("text: Hello, world\nusage: input_other=5 output=2"), true)) {
            h.request("p1", "prompt", "{\"user_input\":\"hi\"}");
            List<JsonObject> messages = h.until("p1");
            assertEquals(List.of("TurnBegin", "StepBegin", "ContentPart", "StatusUpdate", "TurnEnd"), WireHarness.types(messages));
            JsonObject turnBegin = messages.get(0).getAsJsonObject("params").getAsJsonObject("payload");
            assertEquals("hi", turnBegin.get("user_input").getAsString());
            JsonObject status = messages.get(3).getAsJsonObject("params").getAsJsonObject("payload");
            assertEquals(List.of("context_usage", "context_tokens", "max_context_tokens", "token_usage", "message_id",
                    "plan_mode", "mcp_status"), List.copyOf(status.keySet()), "every field, in order, nulls included");
            assertEquals(5, status.getAsJsonObject("token_usage").get("input_other").getAsInt());
            assertEquals("{\"status\":\"finished\"}", messages.getLast().get("result").toString());
            assertFalse(messages.get(0).has("id"), "events carry no id");
        }
    }

    @Test
    void toolCallWithApprovalRunsAfterApprove() throws Exception {
        try (WireHarness h = harness(List.of(SHOUT, "text: done"), false)) {
            h.request("p1", "prompt", "{\"user_input\":\"shout\"}");
            JsonObject approval;
            while (true) {
                JsonObject m = h.next();
                if ("request".equals(m.has("method") ? m.get("method").getAsString() : "")) {
                    approval = m;
                    break;
                }
            }
            JsonObject payload = approval.getAsJsonObject("params").getAsJsonObject("payload");
            assertEquals("ApprovalRequest", approval.getAsJsonObject("params").get("type").getAsString());
            assertEquals(payload.get("id").getAsString(), approval.get("id").getAsString(), "JSON-RPC id = payload.id");
            assertEquals("call-1", payload.get("tool_call_id").getAsString());
            assertEquals("Shout", payload.get("sender").getAsString());
            assertEquals("shout", payload.get("action").getAsString());
            assertEquals("foreground_turn", payload.get("source_kind").getAsString());
            assertEquals("shell", payload.getAsJsonArray("display").get(0).getAsJsonObject().get("type").getAsString());
            String id = approval.get("id").getAsString();
            h.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"request_id\":\"" + id + "\",\"response\":\"approve\"}}");
            List<JsonObject> rest = h.until("p1");
            assertEquals(List.of("ApprovalResponse", "ToolResult", "StepBegin", "ContentPart", "StatusUpdate", "TurnEnd"),
                    WireHarness.types(rest));
            JsonObject result = rest.get(1).getAsJsonObject("params").getAsJsonObject("payload");
            assertEquals("HI", result.getAsJsonObject("return_value").get("output").getAsString());
            assertEquals("{\"status\":\"finished\"}", rest.getLast().get("result").toString());
        }
    }

    @Test
    void rejectEndsTheTurnWithoutASecondStep() throws Exception {
        try (WireHarness h = harness(List.of(SHOUT, "text: never"), false)) {
            h.request("p1", "prompt", "{\"user_input\":\"shout\"}");
            JsonObject approval = firstRequest(h);
            String id = approval.get("id").getAsString();
            h.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"request_id\":\"" + id + "\",\"response\":\"reject\"}}");
            List<JsonObject> rest = h.until("p1");
            assertEquals(List.of("ApprovalResponse", "ToolResult", "TurnEnd"), WireHarness.types(rest));
            JsonObject value = rest.get(1).getAsJsonObject("params").getAsJsonObject("payload").getAsJsonObject("return_value");
            assertTrue(value.get("is_error").getAsBoolean());
            assertTrue(value.get("message").getAsString().startsWith("The tool call is rejected by the user."));
            assertEquals("finished", rest.getLast().getAsJsonObject("result").get("status").getAsString());
        }
    }

    @Test
    void approveForSessionIsNotAskedAgain() throws Exception {
        String second = SHOUT.replace("call-1", "call-2");
        try (WireHarness h = harness(List.of(SHOUT, "text: one", second, "text: two"), false)) {
            h.request("p1", "prompt", "{\"user_input\":\"a\"}");
            String id = firstRequest(h).get("id").getAsString();
            h.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"request_id\":\"" + id
                    + "\",\"response\":\"approve_for_session\"}}");
            h.until("p1");
            h.request("p2", "prompt", "{\"user_input\":\"b\"}");
            List<String> types = WireHarness.types(h.until("p2"));
            assertFalse(types.contains("request:ApprovalRequest"), types.toString());
            assertTrue(types.contains("ToolResult"));
        }
    }

    @Test
    void cancelWhileAnApprovalIsPendingRejectsItAndEndsCancelled() throws Exception {
        try (WireHarness h = harness(List.of(SHOUT), false)) {
            h.request("p1", "prompt", "{\"user_input\":\"shout\"}");
            String approvalId = firstRequest(h).get("id").getAsString();
            h.request("c1", "cancel", null);
            List<JsonObject> rest = h.until("p1");
            // The cancel's {} and the prompt's answer race; either order is allowed.
            JsonObject cancelAnswer = rest.stream().filter(m -> "c1".equals(idOf(m))).findFirst().orElse(null);
            if (cancelAnswer == null) {
                cancelAnswer = h.next();
            }
            assertEquals("{}", cancelAnswer.get("result").toString());
            rest.removeIf(m -> "c1".equals(idOf(m)));
            assertTrue(WireHarness.types(rest).contains("ApprovalResponse"));
            assertEquals("TurnEnd", WireHarness.types(rest).getLast());
            assertEquals("cancelled", rest.getLast().getAsJsonObject("result").get("status").getAsString());
            // A late answer to the cleaned-up approval is ignored, and the session serves again.
            h.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + approvalId + "\",\"result\":{\"response\":\"approve\"}}");
            h.request("x", "cancel", null);
            assertEquals(-32000, h.next().getAsJsonObject("error").get("code").getAsInt());
        }
    }

    @Test
    void busyAndIdleRules() throws Exception {
        try (WireHarness h = harness(List.of(SHOUT), false)) {
            h.request("c0", "cancel", null);
            JsonObject idle = h.next();
            assertEquals(-32000, idle.getAsJsonObject("error").get("code").getAsInt());
            assertEquals("No agent turn is in progress", idle.getAsJsonObject("error").get("message").getAsString());
            h.request("s0", "steer", "{\"user_input\":\"x\"}");
            assertEquals("No agent turn is in progress", h.next().getAsJsonObject("error").get("message").getAsString());
            h.request("p1", "prompt", "{\"user_input\":\"shout\"}");
            firstRequest(h);
            for (String method : List.of("prompt", "initialize", "replay")) {
                String params = method.equals("prompt") ? "{\"user_input\":\"again\"}"
                        : method.equals("initialize") ? "{\"protocol_version\":\"1.10\"}" : null;
                h.request("b-" + method, method, params);
                JsonObject busy = h.next();
                assertEquals("b-" + method, idOf(busy));
                assertEquals("An agent turn is already in progress", busy.getAsJsonObject("error").get("message").getAsString());
            }
            h.request("c1", "cancel", null);
            h.until("p1");
        }
    }

    @Test
    void steerIsTakenAfterTheStepInTheSameTurn() throws Exception {
        try (WireHarness h = harness(List.of(SHOUT, "text: after steer"), false)) {
            h.request("p1", "prompt", "{\"user_input\":\"shout\"}");
            String id = firstRequest(h).get("id").getAsString();
            h.request("s1", "steer", "{\"user_input\":\"also this\"}");
            assertEquals("{\"status\":\"steered\"}", h.next().get("result").toString());
            h.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"response\":\"approve\"}}");
            List<String> types = WireHarness.types(h.until("p1"));
            assertEquals(List.of("ApprovalResponse", "ToolResult", "SteerInput", "StepBegin", "ContentPart", "StatusUpdate",
                    "TurnEnd"), types);
        }
    }

    @Test
    void retryableErrorsAreAnnouncedAndRetried() throws Exception {
        try (WireHarness h = harness(List.of("error: 429 slow down", "text: ok"), true)) {
            h.request("p1", "prompt", "{\"user_input\":\"hi\"}");
            List<JsonObject> messages = h.until("p1");
            assertEquals(List.of("TurnBegin", "StepBegin", "StepRetry", "ContentPart", "StatusUpdate", "TurnEnd"),
                    WireHarness.types(messages));
            JsonObject retry = messages.get(2).getAsJsonObject("params").getAsJsonObject("payload");
            assertEquals(1, retry.get("n").getAsInt());
            assertEquals(2, retry.get("next_attempt").getAsInt());
            assertEquals(3, retry.get("max_attempts").getAsInt());
            assertEquals(429, retry.get("status_code").getAsInt());
            assertEquals("APIStatusError", retry.get("error_type").getAsString());
            assertEquals(1, h.sleeps.size(), "the injected sleeper waited once");
        }
    }

    @Test
    void providerErrorsEndWithStepInterruptedAndMinus32003() throws Exception {
        try (WireHarness h = harness(List.of("bad line without colon"), true)) {
            h.request("p1", "prompt", "{\"user_input\":\"hi\"}");
            List<JsonObject> messages = h.until("p1");
            assertEquals(List.of("TurnBegin", "StepBegin", "StepInterrupted", "TurnEnd"), WireHarness.types(messages));
            JsonObject error = messages.getLast().getAsJsonObject("error");
            assertEquals(-32003, error.get("code").getAsInt());
            assertEquals("Invalid echo DSL at line 1: 'bad line without colon'", error.get("message").getAsString());
        }
    }

    @Test
    void maxStepsEndsAfterTheToolResult() throws Exception {
        try (WireHarness h = new WireHarness(temp, List.of(SHOUT), List.of(new ApprovalTool()), true, 1, "s1")) {
            h.request("p1", "prompt", "{\"user_input\":\"go\"}");
            List<JsonObject> messages = h.until("p1");
            assertEquals("ToolResult", WireHarness.types(messages).get(WireHarness.types(messages).size() - 2));
            assertEquals("{\"status\":\"max_steps_reached\",\"steps\":1}", messages.getLast().get("result").toString());
        }
    }

    @Test
    void unknownContentPartTypeIsInvalidParamsAndServingContinues() throws Exception {
        try (WireHarness h = harness(List.of("text: fine"), true)) {
            h.request("bad", "prompt", "{\"user_input\":[{\"type\":\"bogus\"}]}");
            JsonObject error = h.next();
            assertEquals(-32602, error.getAsJsonObject("error").get("code").getAsInt());
            assertEquals("Invalid parameters for method `prompt`", error.getAsJsonObject("error").get("message").getAsString());
            h.request("ok", "prompt", "{\"user_input\":[{\"type\":\"text\",\"text\":\"hi\"}]}");
            List<JsonObject> messages = h.until("ok");
            JsonObject begin = messages.get(0).getAsJsonObject("params").getAsJsonObject("payload");
            assertEquals("[{\"type\":\"text\",\"text\":\"hi\"}]", begin.get("user_input").toString());
        }
    }

    @Test
    void replaySendsTheMergedLogOfEarlierProcesses() throws Exception {
        String deltas = "text: Hel\ntext: lo\n" + "tool_call: {\"id\":\"call-1\",\"name\":\"Shout\",\"arguments\":null}" + "\ntool_call_part: {\"arguments_part\":\"{\\\"word\\\":\\\"x\\\"}\"}";
        try (WireHarness h = harness(List.of(deltas, "text: bye"), true)) {
            h.request("p1", "prompt", "{\"user_input\":\"first\"}");
            List<String> live = WireHarness.types(h.until("p1"));
            assertTrue(live.contains("ToolCallPart"));
        }
        Path log = temp.resolve("share").resolve("sessions");
        try (var files = Files.walk(log)) {
            Path wire = files.filter(p -> p.getFileName().toString().equals("wire.jsonl")).findFirst().orElseThrow();
            List<String> lines = Files.readAllLines(wire);
            assertEquals("{\"type\": \"metadata\", \"protocol_version\": \"1.10\"}", lines.get(0));
        }
        try (WireHarness h = new WireHarness(temp, List.of(), List.of(new ApprovalTool()), true, 100, "s1")) {
            h.request("r1", "replay", null);
            List<JsonObject> messages = h.until("r1");
            List<String> types = WireHarness.types(messages);
            assertEquals(List.of("TurnBegin", "StepBegin", "ContentPart", "ToolCall", "StatusUpdate", "ToolResult",
                    "StepBegin", "ContentPart", "StatusUpdate", "TurnEnd"), types);
            JsonObject text = messages.get(2).getAsJsonObject("params").getAsJsonObject("payload");
            assertEquals("Hello", text.get("text").getAsString(), "deltas are merged in the log");
            JsonObject call = messages.get(3).getAsJsonObject("params").getAsJsonObject("payload");
            assertEquals("{\"word\":\"x\"}", call.getAsJsonObject("function").get("arguments").getAsString());
            assertEquals("{\"status\":\"finished\",\"events\":10,\"requests\":0}", messages.getLast().get("result").toString());
        }
    }

    @Test
    void aLoneSurrogateInThePromptIsAnOrdinaryTurnAndLogged() throws Exception {
        try (WireHarness h = harness(List.of("text: fine"), true)) {
            h.request("p1", "prompt", "{\"user_input\":\"odd \\ud800 text\"}");
            List<JsonObject> messages = h.until("p1");
            assertEquals("finished", messages.getLast().getAsJsonObject("result").get("status").getAsString());
            for (String line : Files.readAllLines(h.opened.files().wireLog().file())) {
                com.google.gson.JsonParser.parseString(line);
            }
            assertEquals(6, Files.readAllLines(h.opened.files().wireLog().file()).size(), "header and five whole records");
        }
    }

    @Test
    void setPlanModeEmitsAStatusUpdateAndPersists() throws Exception {
        try (WireHarness h = harness(List.of(), true)) {
            h.request("pm", "set_plan_mode", "{\"enabled\":\"yes\"}");
            List<JsonObject> messages = h.until("pm");
            assertEquals(List.of("StatusUpdate"), WireHarness.types(messages));
            assertTrue(messages.get(0).getAsJsonObject("params").getAsJsonObject("payload").get("plan_mode").getAsBoolean());
            assertEquals("{\"status\":\"ok\",\"plan_mode\":true}", messages.getLast().get("result").toString());
            assertTrue(h.opened.files().state().planMode());
        }
    }

    @Test
    void initializeAnswersTheReferenceShape() throws Exception {
        try (WireHarness h = harness(List.of(), true)) {
            h.request("i", "initialize", "{\"protocol_version\":\"1.7\",\"client\":{\"name\":\"t\"},"
                    + "\"external_tools\":[{\"name\":\"Shout\",\"description\":\"x\",\"parameters\":{\"type\":\"object\"}},"
                    + "{\"name\":\"mine\",\"description\":\"y\",\"parameters\":{\"type\":\"object\"}}],"
                    + "\"hooks\":[{\"id\":\"h\",\"event\":\"PreToolUse\"},{\"id\":\"h2\",\"event\":\"Nope\"}]}");
            JsonObject result = h.next().getAsJsonObject("result");
            assertEquals("1.10", result.get("protocol_version").getAsString());
            assertEquals("[\"mine\"]", result.getAsJsonObject("external_tools").get("accepted").toString());
            assertEquals("conflicts with builtin tool", result.getAsJsonObject("external_tools").getAsJsonArray("rejected")
                    .get(0).getAsJsonObject().get("reason").getAsString());
            assertEquals(13, result.getAsJsonObject("hooks").getAsJsonArray("supported_events").size());
            assertEquals("{\"PreToolUse\":1}", result.getAsJsonObject("hooks").get("configured").toString());
            assertTrue(result.getAsJsonObject("capabilities").get("supports_question").getAsBoolean());
        }
    }

    @Test
    void externalToolCallsGoToTheClientWithTheToolCallIdAsRequestId() throws Exception {
        String call = "tool_call: {\"id\":\"ext-1\",\"name\":\"mine\",\"arguments\":\"{}\"}";
        try (WireHarness h = harness(List.of(call, "text: thanks"), true)) {
            h.request("i", "initialize", "{\"protocol_version\":\"1.10\",\"external_tools\":[{\"name\":\"mine\","
                    + "\"description\":\"y\",\"parameters\":{\"type\":\"object\"}}]}");
            h.next();
            h.request("p1", "prompt", "{\"user_input\":\"use mine\"}");
            JsonObject request = firstRequest(h);
            assertEquals("ext-1", request.get("id").getAsString());
            assertEquals("ToolCallRequest", request.getAsJsonObject("params").get("type").getAsString());
            h.send("{\"jsonrpc\":\"2.0\",\"id\":\"ext-1\",\"result\":{\"tool_call_id\":\"ext-1\",\"return_value\":"
                    + "{\"is_error\":false,\"output\":\"42\",\"message\":\"\",\"display\":[]}}}");
            List<JsonObject> rest = h.until("p1");
            JsonObject result = rest.stream().filter(m -> WireHarness.types(List.of(m)).equals(List.of("ToolResult")))
                    .findFirst().orElseThrow().getAsJsonObject("params").getAsJsonObject("payload");
            assertEquals("42", result.getAsJsonObject("return_value").get("output").getAsString());
        }
    }

    @Test
    void endOfInputCancelsTheTurnAndStops() throws Exception {
        try (WireHarness h = harness(List.of(SHOUT), false)) {
            h.request("p1", "prompt", "{\"user_input\":\"shout\"}");
            firstRequest(h);
            h.closeInput();
            await().atMost(Duration.ofSeconds(5)).until(() -> !h.readerAlive());
        }
    }

    @Test
    void questionsGoToAClientThatSupportsThem() throws Exception {
        String ask = "tool_call: {\"id\":\"q-call\",\"name\":\"AskUserQuestion\",\"arguments\":"
                + "\"{\\\"questions\\\":[{\\\"question\\\":\\\"Which?\\\",\\\"options\\\":[{\\\"label\\\":\\\"A\\\"},{\\\"label\\\":\\\"B\\\"}]}]}\"}";
        try (WireHarness h = harness(List.of(ask, "text: thanks"), true)) {
            h.request("i", "initialize", "{\"protocol_version\":\"1.10\",\"capabilities\":{\"supports_question\":true}}");
            h.next();
            h.request("p1", "prompt", "{\"user_input\":\"ask me\"}");
            JsonObject request = firstRequest(h);
            JsonObject payload = request.getAsJsonObject("params").getAsJsonObject("payload");
            assertEquals("QuestionRequest", request.getAsJsonObject("params").get("type").getAsString());
            assertEquals(payload.get("id").getAsString(), request.get("id").getAsString());
            assertEquals("q-call", payload.get("tool_call_id").getAsString());
            assertEquals("Which?", payload.getAsJsonArray("questions").get(0).getAsJsonObject().get("question").getAsString());
            String id = request.get("id").getAsString();
            h.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"request_id\":\"" + id
                    + "\",\"answers\":{\"Which?\":\"B\"}}}");
            List<JsonObject> rest = h.until("p1");
            JsonObject result = rest.stream().filter(m -> WireHarness.types(List.of(m)).equals(List.of("ToolResult")))
                    .findFirst().orElseThrow().getAsJsonObject("params").getAsJsonObject("payload");
            assertEquals("{\"answers\":{\"Which?\":\"B\"}}", result.getAsJsonObject("return_value").get("output").getAsString());
        }
    }

    @Test
    void questionsToAClientWithoutSupportFailAtOnce() throws Exception {
        String ask = "tool_call: {\"id\":\"q\",\"name\":\"AskUserQuestion\",\"arguments\":\"{}\"}";
        try (WireHarness h = harness(List.of(ask, "text: ok"), true)) {
            h.request("p1", "prompt", "{\"user_input\":\"ask me\"}");
            List<JsonObject> messages = h.until("p1");
            assertFalse(WireHarness.types(messages).contains("request:QuestionRequest"));
            JsonObject result = messages.stream().filter(m -> WireHarness.types(List.of(m)).equals(List.of("ToolResult")))
                    .findFirst().orElseThrow().getAsJsonObject("params").getAsJsonObject("payload");
            String message = result.getAsJsonObject("return_value").get("message").getAsString();
            assertTrue(message.contains("does not support interactive questions") && message.contains("Do NOT call this tool again"));
        }
    }

    @Test
    void aPreToolUseHookCanBlockACall() throws Exception {
        try (WireHarness h = harness(List.of(SHOUT, "text: ok"), true)) {
            h.request("i", "initialize", "{\"protocol_version\":\"1.10\",\"hooks\":[{\"id\":\"sub-1\","
                    + "\"event\":\"PreToolUse\",\"matcher\":\"^Sh\"},{\"id\":\"sub-2\",\"event\":\"PreToolUse\","
                    + "\"matcher\":\"NoSuchTool\"}]}");
            h.next();
            h.request("p1", "prompt", "{\"user_input\":\"shout\"}");
            JsonObject request = firstRequest(h);
            JsonObject payload = request.getAsJsonObject("params").getAsJsonObject("payload");
            assertEquals("HookRequest", request.getAsJsonObject("params").get("type").getAsString());
            assertEquals(payload.get("id").getAsString(), request.get("id").getAsString());
            assertEquals("sub-1", payload.get("subscription_id").getAsString());
            assertEquals("Shout", payload.get("target").getAsString());
            assertEquals("Shout", payload.getAsJsonObject("input_data").get("tool_name").getAsString());
            String id = request.get("id").getAsString();
            h.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"request_id\":\"" + id
                    + "\",\"action\":\"block\",\"reason\":\"not today\"}}");
            List<JsonObject> rest = h.until("p1");
            assertEquals("HookResolved", WireHarness.types(rest).get(0));
            JsonObject result = rest.stream().filter(m -> WireHarness.types(List.of(m)).equals(List.of("ToolResult")))
                    .findFirst().orElseThrow().getAsJsonObject("params").getAsJsonObject("payload");
            assertEquals("The tool call was blocked by a hook: not today",
                    result.getAsJsonObject("return_value").get("message").getAsString());
        }
    }

    @Test
    void aUserPromptSubmitHookCanBlockThePrompt() throws Exception {
        try (WireHarness h = harness(List.of("text: never"), true)) {
            h.request("i", "initialize", "{\"protocol_version\":\"1.10\",\"hooks\":[{\"id\":\"s\",\"event\":\"UserPromptSubmit\"}]}");
            h.next();
            h.request("p1", "prompt", "{\"user_input\":\"forbidden\"}");
            String id = firstRequest(h).get("id").getAsString();
            h.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"action\":\"block\"}}");
            List<JsonObject> rest = h.until("p1");
            assertEquals(List.of("HookResolved", "ContentPart", "TurnEnd"), WireHarness.types(rest));
            assertEquals("Prompt blocked by hook.", rest.get(1).getAsJsonObject("params").getAsJsonObject("payload")
                    .get("text").getAsString());
        }
    }

    private static JsonObject firstRequest(WireHarness h) throws InterruptedException {
        while (true) {
            JsonObject m = h.next();
            if (m.has("method") && "request".equals(m.get("method").getAsString())) {
                return m;
            }
        }
    }

    private static String idOf(JsonObject m) {
        return m.has("id") && !m.get("id").isJsonNull() ? m.get("id").getAsString() : null;
    }
}
