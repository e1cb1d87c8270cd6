package dev.agentserver.server.llm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.auth.AuthRequiredException;
import dev.agentserver.auth.AuthUnavailableException;
import dev.agentserver.auth.CredentialedCaller;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.TokenUsage;
import dev.agentserver.server.sim.RecordedChatRequest;
import dev.agentserver.server.sim.Simulator;
import dev.agentserver.server.sim.SimulatorOptions;
import dev.agentserver.server.sim.TokenGrant;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiChatProviderTest {

    private static final String API_KEY = "sk-test-key";
    private static final Duration PROMPT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newHttpClient();
    private Simulator simulator;

    @BeforeEach
    void startSimulator() throws Exception {
        simulator = Simulator.start(SimulatorOptions.defaults().withStaticApiKeys(Set.of(API_KEY)));
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    private OpenAiChatProvider provider(URI baseUrl, CredentialedCaller caller, StreamTimeouts timeouts,
            Map<String, String> headers) {
        return new OpenAiChatProvider("kimi-for-coding", baseUrl, RequestDialect.openAi(), headers, caller, http,
                () -> "agent-server/0.1 test-client/2.0", timeouts);
    }

    private OpenAiChatProvider provider(CredentialedCaller caller) {
        return provider(URI.create(simulator.chatBaseUrl()), caller, StreamTimeouts.DEFAULT, Map.of());
    }

    private OpenAiChatProvider apiKeyProvider() {
        return provider(new TestCallers.Fixed(API_KEY));
    }

    private static ChatRequest hello() {
        return new ChatRequest(List.of(ChatMessage.user(List.of(new ContentPart.Text("hello")))), List.of(), false);
    }

    private RecordingSink stream(ChatProvider provider) throws Exception {
        RecordingSink sink = new RecordingSink();
        assertTimeoutPreemptively(PROMPT, () -> provider.stream(hello(), sink, new CancelSignal()));
        return sink;
    }

    private ProviderException failure(ChatProvider provider) {
        return assertTimeoutPreemptively(PROMPT, () -> assertThrows(ProviderException.class,
                () -> provider.stream(hello(), new RecordingSink(), new CancelSignal())));
    }

    @Test
    void streamsThinkingTextToolCallsIdAndUsage() throws Exception {
        simulator.enqueueScripts(List.of("""
                id: msg-42
                think: Let me see.
                text: Hello
                text: , world
                tool_call: {"id":"call_1","name":"Shell","arguments":null}
                tool_call_part: {"arguments_part":"{\\"command\\":"}
                tool_call_part: {"arguments_part":"\\"ls\\"}"}
                tool_call: {"id":"call_2","name":"Glob","arguments":"{\\"pattern\\":\\"*.md\\"}"}
                usage: input_other=5 output=2 input_cache_read=3
                """));

        RecordingSink sink = stream(apiKeyProvider());

        assertEquals(List.of("id:msg-42", "think:Let me see.", "text:Hello", "text:, world",
                "start:call_1:Shell:null", "args:{\"command\":", "args:\"ls\"}",
                "start:call_2:Glob:{\"pattern\":\"*.md\"}", "usage"), sink.events);
        assertEquals(new TokenUsage(5, 2, 3, 0), sink.usage);
    }

    @Test
    void sendsTheRequestWithBearerUserAgentAndCustomHeaders() throws Exception {
        ChatProvider provider = provider(URI.create(simulator.chatBaseUrl() + "/"), new TestCallers.Fixed(API_KEY),
                StreamTimeouts.DEFAULT, Map.of("X-Msh-Platform", "agent-server", "User-Agent", "custom-agent/9"));
        stream(provider);

        RecordedChatRequest request = simulator.chatRequests().getLast();
        assertEquals("agent-server", request.header("X-Msh-Platform"));
        assertEquals("custom-agent/9", request.header("User-Agent"), "custom headers win, as in Kimi Code CLI");
        assertEquals("text/event-stream", request.header("Accept"));
        assertEquals("kimi-for-coding", request.body().path("model").asText());
        assertTrue(request.body().path("stream").asBoolean());
        assertEquals("hello", request.body().path("messages").get(0).path("content").asText());
        assertEquals(0, simulator.stats().chat().unauthorized(), "the bearer was accepted");
    }

    @Test
    void speaksHttp11ToAPlainTextServerWithoutOfferingAnUpgrade() throws Exception {
        stream(apiKeyProvider()); // the test's HttpClient prefers HTTP/2, as the server's does

        RecordedChatRequest request = simulator.chatRequests().getLast();
        assertNull(request.header("Upgrade"), "no h2c upgrade offered");
        assertNull(request.header("HTTP2-Settings"));
    }

    @Test
    void sendsTheUserAgentOfTheMoment() throws Exception {
        AtomicReference<String> agent = new AtomicReference<>("agent-server/0.1");
        ChatProvider provider = new OpenAiChatProvider("m", URI.create(simulator.chatBaseUrl()), RequestDialect.openAi(),
                Map.of(), new TestCallers.Fixed(API_KEY), http, agent::get, StreamTimeouts.DEFAULT);
        stream(provider);
        agent.set("agent-server/0.1 zed/1.2");
        stream(provider);

        List<RecordedChatRequest> requests = simulator.chatRequests();
        assertEquals("agent-server/0.1", requests.get(0).header("User-Agent"));
        assertEquals("agent-server/0.1 zed/1.2", requests.get(1).header("User-Agent"));
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void transientStatusesAreRetryableWithTheirStatus(int status) {
        simulator.failNextChatRequests(1, status);

        ProviderException e = failure(apiKeyProvider());

        assertEquals(ProviderException.Kind.RETRYABLE, e.kind());
        assertEquals("APIStatusError", e.errorType());
        assertEquals(status, e.statusCode());
    }

    @Test
    void otherStatusesFailWithTheServiceMessage() {
        simulator.enqueueScripts(List.of("error: 400 context too long"));

        ProviderException e = failure(apiKeyProvider());

        assertEquals(ProviderException.Kind.FAILED, e.kind());
        assertEquals(400, e.statusCode());
        assertTrue(e.getMessage().endsWith("context too long"), e.getMessage());
    }

    @Test
    void anInvalidScriptReportsTheDslError() {
        simulator.enqueueScripts(List.of("bad line without colon"));

        ProviderException e = failure(apiKeyProvider());

        assertEquals(ProviderException.Kind.FAILED, e.kind());
        assertTrue(e.getMessage().endsWith("Invalid echo DSL at line 1: 'bad line without colon'"), e.getMessage());
    }

    @Test
    void aRejectedApiKeyFailsWithAClearMessageAndNoSecret() {
        TestCallers.Fixed caller = new TestCallers.Fixed("sk-wrong-secret");

        ProviderException e = failure(provider(caller));

        assertEquals(ProviderException.Kind.FAILED, e.kind());
        assertEquals(401, e.statusCode());
        assertTrue(e.getMessage().startsWith("the API key was rejected (401) by 127.0.0.1"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-wrong-secret"));
        assertEquals(1, caller.bearersUsed.size(), "no second attempt without OAuth");
    }

    @Test
    void aMissingApiKeySaysSo() {
        ProviderException e = failure(provider(new TestCallers.Fixed(null)));

        assertEquals(ProviderException.Kind.FAILED, e.kind());
        assertTrue(e.getMessage().contains("no API key is configured"), e.getMessage());
    }

    @Test
    void aRejectedBearerIsRetriedThroughTheCallerWithoutTheSinkNoticing() throws Exception {
        TokenGrant expired = simulator.issueTokens();
        simulator.expireAccessTokens();
        TokenGrant fresh = simulator.issueTokens();
        TestCallers.RetryOnce caller = new TestCallers.RetryOnce(expired.accessToken(), fresh.accessToken());

        RecordingSink sink = stream(provider(caller));

        assertEquals(List.of(expired.accessToken(), fresh.accessToken()), caller.bearersUsed);
        assertTrue(sink.sawText());
        assertEquals(1, simulator.stats().chat().unauthorized());
        assertEquals(1, simulator.stats().chat().completed());
    }

    @Test
    void authOutcomesOfTheCallerMapToProviderKinds() {
        ProviderException required = failure(provider(new TestCallers.Failing(new AuthRequiredException("log in"))));
        assertEquals(ProviderException.Kind.AUTH_REQUIRED, required.kind());

        ProviderException unavailable = failure(provider(
                new TestCallers.Failing(new AuthUnavailableException("lock busy", null))));
        assertEquals(ProviderException.Kind.RETRYABLE, unavailable.kind());
        assertEquals(0, simulator.stats().chat().requests());
    }

    @Test
    void aStreamBrokenMidwayIsRetryableAndDoesNotHang() {
        simulator.breakNextStreams(1, 2);
        simulator.enqueueScripts(List.of("text: a\ntext: b\ntext: c\ntext: d"));

        ProviderException e = failure(apiKeyProvider());

        assertEquals(ProviderException.Kind.RETRYABLE, e.kind());
        assertEquals("APIConnectionError", e.errorType());
        assertEquals(1, simulator.stats().chat().streamsBroken());
    }

    @Test
    void aDroppedConnectionIsRetryable() {
        simulator.enqueueScripts(List.of("error: connection"));

        ProviderException e = failure(apiKeyProvider());

        assertEquals(ProviderException.Kind.RETRYABLE, e.kind());
        assertEquals("APIConnectionError", e.errorType());
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        URI nowhere;
        try (CannedHttpServer closed = CannedHttpServer.sse("")) {
            nowhere = closed.baseUrl();
        }
        ProviderException e = failure(provider(nowhere, new TestCallers.Fixed(API_KEY), StreamTimeouts.DEFAULT, Map.of()));

        assertEquals(ProviderException.Kind.RETRYABLE, e.kind());
        assertEquals("APIConnectionError", e.errorType());
    }

    @Test
    void aSilentStreamTimesOut() {
        simulator.setChunkDelay(Duration.ofSeconds(30));
        simulator.enqueueScripts(List.of("text: first\ntext: never"));
        ChatProvider provider = provider(URI.create(simulator.chatBaseUrl()), new TestCallers.Fixed(API_KEY),
                new StreamTimeouts(Duration.ofSeconds(10), Duration.ofMillis(300)), Map.of());

        ProviderException e = failure(provider);

        assertEquals(ProviderException.Kind.RETRYABLE, e.kind());
        assertEquals("APITimeoutError", e.errorType());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        simulator.enqueueScripts(List.of("error: timeout"));
        ChatProvider provider = provider(URI.create(simulator.chatBaseUrl()), new TestCallers.Fixed(API_KEY),
                new StreamTimeouts(Duration.ofMillis(300), Duration.ofSeconds(10)), Map.of());

        ProviderException e = failure(provider);

        assertEquals(ProviderException.Kind.RETRYABLE, e.kind());
        assertEquals("APITimeoutError", e.errorType());
    }

    @Test
    void cancellingClosesTheStreamAtOnce() {
        simulator.setChunkDelay(Duration.ofMillis(100));
        simulator.enqueueScripts(List.of(String.join("\n", Collections.nCopies(200, "text: tick"))));
        RecordingSink sink = new RecordingSink();
        CancelSignal cancel = new CancelSignal();
        ChatProvider provider = apiKeyProvider();

        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                provider.stream(hello(), sink, cancel);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        await().atMost(PROMPT).until(sink::sawText);
        cancel.cancel();

        await().atMost(Duration.ofSeconds(1)).until(outcome::isDone);
        assertTrue(outcome.join() instanceof CancelSignal.CancelledException, String.valueOf(outcome.join()));
        await().atMost(Duration.ofSeconds(2)).until(() -> simulator.stats().chat().clientAborts() == 1);
    }

    @Test
    void aCancelledTurnSendsNothing() {
        CancelSignal cancel = new CancelSignal();
        cancel.cancel();

        assertThrows(CancelSignal.CancelledException.class, () -> apiKeyProvider().stream(hello(), new RecordingSink(), cancel));
        assertEquals(0, simulator.stats().chat().requests());
    }

    // ---- stream shapes the simulator does not produce ----------------------------------------------------

    private RecordingSink streamCanned(String body) throws Exception {
        try (CannedHttpServer server = CannedHttpServer.sse(body)) {
            RecordingSink sink = new RecordingSink();
            ChatProvider provider = provider(server.baseUrl(), new TestCallers.Fixed(API_KEY), StreamTimeouts.DEFAULT, Map.of());
            assertTimeoutPreemptively(PROMPT, () -> provider.stream(hello(), sink, new CancelSignal()));
            return sink;
        }
    }

    private ProviderException cannedFailure(int status, String contentType, String body) throws Exception {
        try (CannedHttpServer server = CannedHttpServer.start(status, contentType, body)) {
            ChatProvider provider = provider(server.baseUrl(), new TestCallers.Fixed(API_KEY), StreamTimeouts.DEFAULT, Map.of());
            return assertTimeoutPreemptively(PROMPT, () -> assertThrows(ProviderException.class,
                    () -> provider.stream(hello(), new RecordingSink(), new CancelSignal())));
        }
    }

    @Test
    void readsMultiLineDataCommentsAndCrLf() throws Exception {
        RecordingSink sink = streamCanned(": OPENROUTER PROCESSING\r\n\r\n"
                + "data: {\"id\":\"x1\",\"choices\":[{\"index\":0,\r\ndata: \"delta\":{\"content\":\"Hi\"}}]}\r\n\r\n"
                + ": keep-alive\r\n\r\n"
                + "data: {\"id\":\"x1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1,\"cached_tokens\":4}}\r\n\r\n"
                + "data: [DONE]");

        assertEquals(List.of("id:x1", "text:Hi", "usage"), sink.events);
        assertEquals(new TokenUsage(6, 1, 4, 0), sink.usage, "Moonshot's cached_tokens");
    }

    @Test
    void anEmptyReplyIsRetryable() throws Exception {
        ProviderException e = cannedFailure(200, "text/event-stream",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");

        assertEquals(ProviderException.Kind.RETRYABLE, e.kind());
        assertEquals("APIEmptyResponseError", e.errorType());
    }

    @Test
    void aStreamThatStopsWithoutFinishingIsRetryable() throws Exception {
        ProviderException e = cannedFailure(200, "text/event-stream",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half\"}}]}\n\n");

        assertEquals(ProviderException.Kind.RETRYABLE, e.kind());
        assertEquals("APIConnectionError", e.errorType());
    }

    @Test
    void anErrorEventInTheStreamIsReported() throws Exception {
        ProviderException overloaded = cannedFailure(200, "text/event-stream",
                "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"
                        + "event: error\ndata: {\"error\":{\"message\":\"overloaded\",\"code\":503}}\n\n");
        assertEquals(ProviderException.Kind.RETRYABLE, overloaded.kind());
        assertEquals(503, overloaded.statusCode());

        ProviderException refused = cannedFailure(200, "text/event-stream",
                "data: {\"error\":{\"message\":\"content filtered\"}}\n\n");
        assertEquals(ProviderException.Kind.FAILED, refused.kind());
        assertTrue(refused.getMessage().endsWith("content filtered"), refused.getMessage());
    }

    @Test
    void anErrorBodyThatIsNotJsonIsQuoted() throws Exception {
        ProviderException e = cannedFailure(403, "text/html", "<html>forbidden by proxy</html>");

        assertEquals(ProviderException.Kind.FAILED, e.kind());
        assertEquals(403, e.statusCode());
        assertTrue(e.getMessage().endsWith("<html>forbidden by proxy</html>"), e.getMessage());
    }

    @Test
    void usageOnTheOpenAiFinalChunkIsRead() throws Exception {
        RecordingSink sink = streamCanned("data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"r\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"t\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":2}}}\n\n"
                + "data: [DONE]\n\n");

        assertEquals(List.of("think:r", "text:t", "usage"), sink.events);
        assertEquals(new TokenUsage(5, 3, 2, 0), sink.usage);
    }

    @Test
    void nothingAfterDoneIsInterpreted() throws Exception {
        RecordingSink sink = streamCanned("data: {\"choices\":[{\"delta\":{\"content\":\"whole\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\ndata: trailing garbage that is never parsed\n\n");

        assertEquals(List.of("text:whole"), sink.events);
    }

    @Test
    void aJsonBodyInsteadOfAStreamFailsClearly() throws Exception {
        ProviderException gatewayError = cannedFailure(200, "application/json", "{\"error\":{\"message\":\"quota exceeded\"}}");
        assertEquals(ProviderException.Kind.FAILED, gatewayError.kind());
        assertTrue(gatewayError.getMessage().endsWith("quota exceeded"), gatewayError.getMessage());

        ProviderException notStreamed = cannedFailure(200, "application/json; charset=utf-8",
                "{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"hi\"}}]}");
        assertEquals(ProviderException.Kind.FAILED, notStreamed.kind());
        assertTrue(notStreamed.getMessage().contains("instead of an event stream"), notStreamed.getMessage());
    }
}
