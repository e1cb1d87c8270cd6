package dev.agentserver.server.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.server.agent.AgentEvent;
import dev.agentserver.server.agent.ApprovalDecision;
import dev.agentserver.server.agent.ApprovalQuestion;
import dev.agentserver.server.agent.RetryPolicy;
import dev.agentserver.server.agent.TurnFailure;
import dev.agentserver.server.agent.TurnHost;
import dev.agentserver.server.agent.TurnSettings;
import dev.agentserver.server.agent.UserInput;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.ToolReturn;
import dev.agentserver.server.runtime.SessionFactory;
import dev.agentserver.server.session.SessionStore;
import dev.agentserver.server.tools.ToolRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Turns run with the real chat client over HTTP, for failures whose handling spans it and the turn loop. */
class OpenAiChatProviderTurnTest {

    @TempDir
    Path temp;

    /** Collects the turn's events; this turn offers no tools, so nothing is ever asked of the client. */
    private static final class EventLog implements TurnHost {

        final List<AgentEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void emit(AgentEvent event) {
            events.add(event);
        }

        @Override
        public CompletableFuture<ApprovalDecision> requestApproval(ApprovalQuestion question) {
            return CompletableFuture.failedFuture(new AssertionError("no approval expected"));
        }

        @Override
        public CompletableFuture<ToolReturn> callExternalTool(String toolCallId, String name, String arguments) {
            return CompletableFuture.failedFuture(new AssertionError("no tool call expected"));
        }
    }

    @Test
    void anEventOverTheLimitEndsTheTurnWithAProviderErrorWithoutRetrying() throws Exception {
        try (FloodingSseServer server = new FloodingSseServer(
                "data: {\"choices\":[{\"delta\":{\"content\":\"partial\"}}]}\n\ndata: {\"choices\":\"", (byte) 'x',
                4L * SseReader.MAX_EVENT_BYTES)) {
            // A client preferring HTTP/2, as the server's own does: the provider speaks HTTP/1.1 to plain http
            // anyway, which is what lets the last assertion see the abandoned socket closed at once.
            HttpClient http = HttpClient.newHttpClient();
            OpenAiChatProvider provider = new OpenAiChatProvider("m", server.baseUrl(), RequestDialect.openAi(),
                    Map.of(), new TestCallers.Fixed("sk-test"), http, () -> "agent-server/test",
                    StreamTimeouts.DEFAULT);
            SessionFactory sessions = new SessionFactory(new SessionStore(temp.resolve("share"), Clock.systemUTC()),
                    () -> provider, new ToolRegistry(List.of()),
                    new TurnSettings(5, new RetryPolicy(3, Duration.ZERO, Duration.ZERO, RandomGenerator.getDefault()),
                            null, false, "You are a test agent."),
                    true, (duration, cancel) -> { });
            EventLog host = new EventLog();

            TurnFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(TurnFailure.class, () -> sessions.open(temp, "s1", null, null).session()
                            .runTurn(new UserInput.Text("hi"), host, new CancelSignal())));

            assertEquals(TurnFailure.Kind.PROVIDER_ERROR, failure.kind());
            assertTrue(failure.getMessage().startsWith("the chat service sent an event or line of more than 16 MiB"),
                    failure.getMessage());
            ProviderException cause = assertInstanceOf(ProviderException.class, failure.getCause());
            assertEquals(ProviderException.Kind.FAILED, cause.kind());
            assertEquals("ChatProviderError", cause.errorType());
            assertFalse(host.events.stream().anyMatch(AgentEvent.StepRetry.class::isInstance), "not retried");
            assertEquals(1, server.requests());
            assertInstanceOf(AgentEvent.StepInterrupted.class, host.events.get(host.events.size() - 2));
            // the body was abandoned and the connection dropped: the service's writes failed
            server.abandoned().get(10, TimeUnit.SECONDS);
        }
    }
}
