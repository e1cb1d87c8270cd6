package dev.agentserver.server.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatSimulationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HELLO = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";

    private Simulator simulator;
    private SimHttp http;

    @TempDir
    Path dir;

    private void start(SimulatorOptions options) throws Exception {
        simulator = Simulator.start(options);
        http = new SimHttp(simulator);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    /** The data payloads of an SSE body, as JSON, without the final [DONE]. */
    private static List<JsonNode> chunks(String body) throws IOException {
        List<JsonNode> chunks = new ArrayList<>();
        assertTrue(body.endsWith("data: [DONE]\n\n"), body);
        for (String event : body.split("\n\n")) {
            String data = event.substring("data: ".length());
            if (!data.equals("[DONE]")) {
                chunks.add(JSON.readTree(data));
            }
        }
        return chunks;
    }

    @Test
    void onlyLiveAccessTokensAndStaticKeysMayChat() throws Exception {
        start(SimulatorOptions.defaults().withStaticApiKeys(Set.of("sk-static")));
        TokenGrant grant = simulator.issueTokens();

        assertEquals(401, http.chat(null, HELLO).status());
        assertEquals(401, http.chat("sim-at-made-up", HELLO).status());
        assertEquals(200, http.chat(grant.accessToken(), HELLO).status());
        assertEquals(200, http.chat("sk-static", HELLO).status());

        assertEquals(1, simulator.expireAccessTokens());
        assertEquals(401, http.chat(grant.accessToken(), HELLO).status());
        assertEquals(200, http.chat("sk-static", HELLO).status(), "static keys never expire");

        SimulatorStats.Chat stats = simulator.stats().chat();
        assertEquals(6, stats.requests());
        assertEquals(3, stats.unauthorized());
        assertEquals(3, stats.completed());
    }

    @Test
    void accessTokensIssuedBeforeARefreshStayValidUntilExpired() throws Exception {
        start(SimulatorOptions.defaults());
        TokenGrant grant = simulator.issueTokens();
        JsonNode rotated = http.refresh(grant.refreshToken()).json();

        assertEquals(200, http.chat(grant.accessToken(), HELLO).status());
        assertEquals(200, http.chat(rotated.path("access_token").asText(), HELLO).status());
    }

    @Test
    void theDefaultResponderEchoesAndStreamsOpenAiChunks() throws Exception {
        start(SimulatorOptions.defaults().withStaticApiKeys(Set.of("k")));

        SimHttp.Answer answer = http.chat("k", HELLO);

        List<JsonNode> chunks = chunks(answer.body());
        assertEquals("chat.completion.chunk", chunks.getFirst().path("object").asText());
        assertEquals("m", chunks.getFirst().path("model").asText());
        assertEquals("Echo: hello there", chunks.getFirst().path("choices").get(0).path("delta").path("content").asText());
        assertEquals("stop", chunks.get(1).path("choices").get(0).path("finish_reason").asText());
        assertTrue(chunks.get(2).path("choices").isEmpty());
        assertTrue(chunks.get(2).path("usage").path("prompt_tokens").asInt() > 0);
        assertEquals(1, simulator.stats().chat().defaultReplies());
    }

    @Test
    void theDefaultResponderRunsCommandsWhenTheShellToolIsOffered() throws Exception {
        start(SimulatorOptions.defaults().withStaticApiKeys(Set.of("k")));
        String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"Shell\",\"parameters\":{}}}]";

        List<JsonNode> run = chunks(http.chat("k", "{\"messages\":[{\"role\":\"user\",\"content\":\"run `echo hi`\"}]"
                + tools + "}").body());
        JsonNode call = run.get(2).path("choices").get(0).path("delta").path("tool_calls").get(0);
        assertEquals("Shell", call.path("function").path("name").asText());
        assertEquals("{\"command\":\"echo hi\"}", call.path("function").path("arguments").asText());
        assertEquals("tool_calls", run.get(3).path("choices").get(0).path("finish_reason").asText());

        List<JsonNode> withoutTool = chunks(http.chat("k", "{\"messages\":[{\"role\":\"user\",\"content\":\"run ls\"}]}").body());
        assertEquals("Echo: run ls", withoutTool.getFirst().path("choices").get(0).path("delta").path("content").asText());

        List<JsonNode> afterTool = chunks(http.chat("k", "{\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"c\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"hi\\n\"}]}]}").body());
        assertEquals("The tool returned: hi", afterTool.getFirst().path("choices").get(0).path("delta").path("content").asText());
    }

    @Test
    void scriptsFromTheFileAreUsedInOrderThenTheDefaultResponder() throws Exception {
        Path file = dir.resolve("scripts.json");
        Files.writeString(file, "[\"id: first\\ntext: one\", \"text: two\\nusage: {\\\"input_other\\\":5,\\\"output\\\":2}\"]");
        start(SimulatorOptions.defaults().withScriptsFile(file).withStaticApiKeys(Set.of("k")));

        List<JsonNode> first = chunks(http.chat("k", HELLO).body());
        assertEquals("first", first.getFirst().path("id").asText());
        assertEquals(2, first.size(), "no usage line, no usage chunk");
        List<JsonNode> second = chunks(http.chat("k", HELLO).body());
        assertEquals("two", second.getFirst().path("choices").get(0).path("delta").path("content").asText());
        assertEquals(5, second.get(2).path("usage").path("prompt_tokens").asInt());
        assertEquals(2, second.get(2).path("usage").path("completion_tokens").asInt());
        List<JsonNode> third = chunks(http.chat("k", HELLO).body());
        assertTrue(third.getFirst().path("choices").get(0).path("delta").path("content").asText().startsWith("Echo:"));

        SimulatorStats.Chat stats = simulator.stats().chat();
        assertEquals(2, stats.scriptedReplies());
        assertEquals(1, stats.defaultReplies());
    }

    @Test
    void aPlainTextScriptFileSeparatesScriptsWithDashes() throws Exception {
        Path file = dir.resolve("scripts.txt");
        Files.writeString(file, "text: a\n---\ntext: b\n");
        start(SimulatorOptions.defaults().withScriptsFile(file));

        assertEquals(2, simulator.queuedScripts());
    }

    @Test
    void scriptErrorsBecomeHttpErrors() throws Exception {
        start(SimulatorOptions.defaults().withStaticApiKeys(Set.of("k")));
        simulator.enqueueScripts(List.of("text: ignored\nerror: 429 slow down", "text: ok\nfrobnicate: x",
                "# only a comment", "image_url: http://x/y.png"));

        SimHttp.Answer limited = http.chat("k", HELLO);
        assertEquals(429, limited.status());
        assertEquals("slow down", limited.json().path("error").path("message").asText());

        SimHttp.Answer unknown = http.chat("k", HELLO);
        assertEquals(400, unknown.status());
        assertEquals("Invalid echo DSL at line 2: 'frobnicate: x'", unknown.json().path("error").path("message").asText());

        assertEquals("the script has no streamable parts", http.chat("k", HELLO).json().path("error").path("message").asText());
        assertTrue(http.chat("k", HELLO).json().path("error").path("message").asText().contains("only media"));
    }

    @Test
    void statusFaultsAnswerTheNextAuthorizedRequests() throws Exception {
        start(SimulatorOptions.defaults().withStaticApiKeys(Set.of("k")));
        http.postJson("/_sim/chat-faults", "{\"status\":429,\"count\":2}");

        assertEquals(401, http.chat("wrong", HELLO).status(), "authentication comes before faults");
        assertEquals(429, http.chat("k", HELLO).status());
        assertEquals(429, http.chat("k", HELLO).status());
        assertEquals(200, http.chat("k", HELLO).status());
        assertEquals(2, simulator.stats().chat().faultsInjected());
    }

    @Test
    void resettingFaultsClearsEveryQueuedFault() throws Exception {
        start(SimulatorOptions.defaults().withStaticApiKeys(Set.of("k")));
        simulator.failNextChatRequests(3, 500);
        simulator.breakNextStreams(3, 0);

        http.postJson("/_sim/reset-faults", "");

        assertEquals(200, http.chat("k", HELLO).status());
    }

    @Test
    void recordsRequestsWithoutTheirAuthorization() throws Exception {
        start(SimulatorOptions.defaults().withStaticApiKeys(Set.of("sk-secret-value")));
        http.chat("sk-secret-value", HELLO);

        JsonNode recorded = http.get("/_sim/chat-requests").json().path("requests");
        assertEquals(1, recorded.size());
        assertEquals("hello there", recorded.get(0).path("body").path("messages").get(0).path("content").asText());
        assertFalse(recorded.toString().contains("sk-secret-value"));
        assertEquals("application/json", simulator.chatRequests().getFirst().header("Content-Type"));
    }

    @Test
    void adminEndpointsAnswerJsonAndRejectNonsense() throws Exception {
        start(SimulatorOptions.defaults());

        JsonNode stats = http.get("/_sim/stats").json();
        assertTrue(stats.path("tokens").has("refresh_requests_by_token"), stats.toString());
        assertTrue(stats.path("chat").has("client_aborts"), stats.toString());
        assertEquals(400, http.postJson("/_sim/chat-faults", "{\"status\":200}").status());
        assertEquals(400, http.postJson("/_sim/chat-faults", "{not json").status());
        assertEquals(400, http.postJson("/_sim/scripts", "{\"a\":1}").status());
        assertEquals(404, http.postJson("/_sim/nothing", "").status());
        assertEquals(2, http.postJson("/_sim/scripts", "[\"text: a\",\"text: b\"]").json().path("queued").asInt());
        JsonNode issued = http.postJson("/_sim/issue-tokens", "").json();
        assertTrue(issued.path("refresh_token").asText().startsWith("sim-rt-"));
        assertEquals(200, http.postJson("/_sim/chunk-delay", "{\"millis\":0}").status());
        assertEquals(200, http.postJson("/_sim/break-streams", "{\"count\":1,\"after_events\":1}").status());
    }
}
