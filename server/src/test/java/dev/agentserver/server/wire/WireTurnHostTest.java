package dev.agentserver.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import dev.agentserver.protocol.wire.WireClient;
import dev.agentserver.protocol.wire.WireGson;
import dev.agentserver.protocol.wire.WireMessage;
import dev.agentserver.protocol.wire.WirePayloads;
import dev.agentserver.server.agent.ApprovalDecision;
import dev.agentserver.server.agent.ApprovalQuestion;
import dev.agentserver.server.session.WireLog;
import dev.agentserver.server.session.WireRecorder;
import dev.agentserver.server.tools.ApprovalInfo;
import dev.agentserver.server.tools.ToolPresentation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WireTurnHostTest {

    @TempDir
    Path temp;

    /** The client end of the connection: what the host sent, and requests nobody answers. */
    private static final class SentToClient implements WireClient {
        final List<String> types = new ArrayList<>();
        final List<WireMessage> events = new ArrayList<>();

        @Override
        public synchronized void event(WireMessage message) {
            events.add(message);
            types.add(message.type());
        }

        @Override
        public synchronized CompletableFuture<JsonElement> request(WireMessage.Request message) {
            types.add("request:" + message.type());
            return new CompletableFuture<>();
        }

        synchronized List<String> types() {
            return List.copyOf(types);
        }
    }

    @Test
    void aCancelledApprovalIsAnnouncedBeforeAnyoneWaitingSeesTheCancel() {
        SentToClient client = new SentToClient();
        WireTurnHost host = new WireTurnHost(client, WireGson.create(), new PendingRequests(),
                new WireRecorder(new WireLog(temp.resolve("wire.jsonl"), Clock.systemUTC())), "turn-1", false,
                new HookSubscriptions());
        CompletableFuture<ApprovalDecision> decision = host.requestApproval(new ApprovalQuestion("a1", "call-1",
                new ApprovalInfo("Shell", "run command", "Run `ls`", List.of()), new ToolPresentation("ls", "execute",
                        List.of())));
        // The turn thread is woken by the cancel like this callback is; whatever it sends next (TurnEnd)
        // must come after the reject the client is told of.
        List<List<String>> seenWhenCancelled = new ArrayList<>();
        decision.whenComplete((d, error) -> seenWhenCancelled.add(client.types()));

        decision.cancel(false);

        assertEquals(List.of(List.of("request:ApprovalRequest", "ApprovalResponse")), seenWhenCancelled);
        WirePayloads.ApprovalResponse reject = (WirePayloads.ApprovalResponse) client.events.getLast().payload();
        assertEquals("a1", reject.requestId());
        assertEquals("reject", reject.response());
        assertTrue(decision.isCancelled());
    }
}
