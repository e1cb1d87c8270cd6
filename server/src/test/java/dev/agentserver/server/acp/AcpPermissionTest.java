package dev.agentserver.server.acp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tool call that needs approval: announced first, then asked about; every answer and a cancel. */
class AcpPermissionTest {

    @TempDir
    Path temp;

    private AcpHarness harness;
    private AcpPeer peer;
    private String sessionId;

    @BeforeEach
    void setUp() throws IOException {
        harness = new AcpHarness(temp);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
        assertEquals(List.of(), harness.violations());
    }

    private void start(String... scripts) throws IOException {
        peer = harness.start(scripts);
        harness.initialize(Json.obj());
        sessionId = harness.newSession();
    }

    private static String write(String id, String file, String content) {
        return Json.toolCall(id, "WriteFile", Json.obj("path", file, "content", content));
    }

    private static JsonObject selected(String optionId) {
        return Json.obj("outcome", Json.obj("outcome", "selected", "optionId", optionId));
    }

    @Test
    void theToolCallIsAnnouncedThenAskedAboutThenRunsWhenAllowed() throws IOException {
        start(write("c1", "hello.txt", "hi\n"), "text: written");
        Path file = harness.workDir.resolve("hello.txt");

        JsonElement id = harness.startPrompt(sessionId, "create hello.txt");
        assertEquals("session_info_update", update(peer.next()).get("sessionUpdate").getAsString());
        JsonObject announced = update(peer.next());
        assertEquals(Json.obj("sessionUpdate", "tool_call", "toolCallId", "c1", "title", "Write hello.txt",
                "kind", "edit", "status", "pending", "locations", Json.arr(Json.obj("path", file.toString())),
                "rawInput", Json.obj("path", "hello.txt", "content", "hi\n")), announced);

        JsonObject ask = peer.nextRequest("session/request_permission");
        JsonObject params = AcpPeer.params(ask);
        assertEquals("c1", params.getAsJsonObject("toolCall").get("toolCallId").getAsString());
        assertEquals(Json.arr(Json.obj("type", "diff", "path", file.toString(), "newText", "hi\n")),
                params.getAsJsonObject("toolCall").get("content"));
        assertEquals(Json.arr("allow_once", "allow_always", "reject_once", "reject_always"), Json.arr(
                params.getAsJsonArray("options").asList().stream().map(o -> o.getAsJsonObject().get("kind")).toArray()));
        peer.answer(ask, selected("allow_once"));

        AcpPeer.Exchange turn = peer.await(id);
        assertEquals(List.of("tool_call_update", "tool_call_update", "agent_message_chunk"), turn.updateKinds());
        assertEquals("in_progress", turn.updates().get(0).get("status").getAsString());
        JsonObject done = turn.updates().get(1);
        assertEquals("completed", done.get("status").getAsString());
        assertEquals(Json.arr(Json.obj("type", "diff", "path", file.toString(), "newText", "hi\n")), done.get("content"));
        assertEquals("end_turn", turn.result().get("stopReason").getAsString());
        assertEquals("hi\n", Files.readString(file));
    }

    @Test
    void aRejectionFailsTheCallAndEndsTheTurn() throws IOException {
        start(write("c1", "no.txt", "x"), "text: never used");

        JsonElement id = harness.startPrompt(sessionId, "write it");
        peer.answer(peer.nextRequest("session/request_permission"), selected("reject_once"));

        AcpPeer.Exchange turn = peer.await(id);
        assertEquals(List.of("tool_call_update"), turn.updateKinds());
        assertEquals("failed", turn.updates().getFirst().get("status").getAsString());
        assertEquals("end_turn", turn.result().get("stopReason").getAsString());
        assertFalse(Files.exists(harness.workDir.resolve("no.txt")));
    }

    @Test
    void aCancelWhileAskingAnswersCancelled() throws IOException {
        start(write("c1", "no.txt", "x"));

        JsonElement id = harness.startPrompt(sessionId, "write it");
        JsonObject ask = peer.nextRequest("session/request_permission");
        peer.notify("session/cancel", Json.obj("sessionId", sessionId));
        peer.answer(ask, Json.obj("outcome", Json.obj("outcome", "cancelled")));

        AcpPeer.Exchange turn = peer.await(id);
        assertEquals("cancelled", turn.result().get("stopReason").getAsString());
        assertEquals(List.of(), peer.call("session/list", Json.obj()).before(), "nothing after a cancelled answer");
        assertFalse(Files.exists(harness.workDir.resolve("no.txt")));
    }

    @Test
    void aCancelledOutcomeAloneCancelsTheTurn() throws IOException {
        start(write("c1", "no.txt", "x"));

        JsonElement id = harness.startPrompt(sessionId, "write it");
        peer.answer(peer.nextRequest("session/request_permission"), Json.obj("outcome", Json.obj("outcome", "cancelled")));

        assertEquals("cancelled", peer.await(id).result().get("stopReason").getAsString());
    }

    @Test
    void allowAlwaysIsNotAskedAgainInTheSession() throws IOException {
        start(write("c1", "a.txt", "a"), "text: one", write("c2", "b.txt", "b"), "text: two");

        JsonElement first = harness.startPrompt(sessionId, "write a");
        peer.answer(peer.nextRequest("session/request_permission"), selected("allow_always"));
        peer.await(first);

        AcpPeer.Exchange second = harness.prompt(sessionId, "write b");
        assertEquals(List.of(), second.requests("session/request_permission"));
        assertEquals("b", Files.readString(harness.workDir.resolve("b.txt")));
    }

    @Test
    void rejectAlwaysRefusesLaterCallsWithoutAskingAndTellsTheModel() throws IOException {
        start(write("c1", "a.txt", "a"), write("c2", "b.txt", "b"), "text: understood");

        JsonElement first = harness.startPrompt(sessionId, "write a");
        peer.answer(peer.nextRequest("session/request_permission"), selected("reject_always"));
        peer.await(first);

        AcpPeer.Exchange second = harness.prompt(sessionId, "write b");
        assertEquals(List.of(), second.requests("session/request_permission"));
        JsonObject refused = second.updates().stream().filter(AcpPeer.kind("tool_call_update")).findFirst().orElseThrow();
        assertEquals("failed", refused.get("status").getAsString());
        assertEquals("agent_message_chunk", second.updateKinds().getLast(), "the model carries on");
        assertFalse(Files.exists(harness.workDir.resolve("b.txt")));
    }

    @Test
    void yoloModeRunsWithoutAsking() throws IOException {
        start(write("c1", "y.txt", "yes"), "text: done");

        AcpPeer.Exchange mode = peer.call("session/set_mode", Json.obj("sessionId", sessionId, "modeId", "yolo"));
        assertEquals(Json.obj(), mode.result());
        assertEquals(List.of("current_mode_update", "config_option_update"), mode.updateKinds());

        AcpPeer.Exchange turn = harness.prompt(sessionId, "write y");
        assertEquals(List.of(), turn.requests("session/request_permission"));
        assertEquals("yes", Files.readString(harness.workDir.resolve("y.txt")));
    }

    private static JsonObject update(JsonObject notification) {
        return AcpPeer.params(notification).getAsJsonObject("update");
    }
}
