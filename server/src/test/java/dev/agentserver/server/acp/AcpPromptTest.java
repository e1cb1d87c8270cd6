package dev.agentserver.server.acp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** session/prompt: what a turn sends, in which order, and how every way a turn ends is answered. */
class AcpPromptTest {

    @TempDir
    Path temp;

    private AcpHarness harness;

    @BeforeEach
    void setUp() throws IOException {
        harness = new AcpHarness(temp);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
        assertEquals(List.of(), harness.violations());
    }

    private String session(String... scripts) throws IOException {
        harness.start(scripts);
        harness.initialize(Json.obj());
        return harness.newSession();
    }

    /** The next thing the server writes is the answer to a fresh request: nothing trailed the last answer. */
    private void assertNothingTrailed(AcpPeer peer) {
        AcpPeer.Exchange list = peer.call("session/list", Json.obj());
        assertEquals(List.of(), list.before(), "messages after the prompt's answer");
    }

    @Test
    void aTextPromptStreamsTheReplyAndNamesTheSessionBeforeAnswering() throws IOException {
        String sessionId = session("text: Hello there");
        AcpPeer peer = harnessPeer();

        AcpPeer.Exchange turn = harness.prompt(sessionId, "Fix the login bug\nIt fails on Safari.");

        assertEquals(List.of("session_info_update", "agent_message_chunk"), turn.updateKinds());
        assertEquals("Fix the login bug", turn.updates().get(0).get("title").getAsString());
        assertEquals(Json.obj("type", "text", "text", "Hello there"), turn.updates().get(1).getAsJsonObject("content"));
        assertEquals("end_turn", turn.result().get("stopReason").getAsString());
        assertNothingTrailed(peer);
    }

    @Test
    void thoughtsAndContextUsageAreShown() throws IOException {
        String sessionId = session("think: Let me see\ntext: Done\nusage: input_other=100 output=20");

        AcpPeer.Exchange turn = harness.prompt(sessionId, "hi");

        assertEquals(List.of("session_info_update", "agent_thought_chunk", "agent_message_chunk", "usage_update"),
                turn.updateKinds());
        assertEquals(Json.obj("sessionUpdate", "usage_update", "used", 120, "size", 200_000), turn.updates().get(3));
    }

    @Test
    void anUnknownContentBlockTypeIsInvalidParams() throws IOException {
        String sessionId = session();
        AcpPeer peer = harnessPeer();

        JsonObject error = peer.call("session/prompt", Json.obj("sessionId", sessionId,
                "prompt", Json.arr(Json.obj("type", "hologram", "data", "...")))).error();

        assertEquals(-32602, error.get("code").getAsInt());
    }

    @Test
    void imagesAndEmbeddedResourcesAreAcceptedAndAudioIsNot() throws IOException {
        String sessionId = session("text: I see");
        AcpPeer peer = harnessPeer();

        JsonObject rich = Json.obj("sessionId", sessionId, "prompt", Json.arr(
                Json.obj("type", "text", "text", "What is in these?"),
                Json.obj("type", "image", "data", "iVBORw0KGgo=", "mimeType", "image/png"),
                Json.obj("type", "resource", "resource", Json.obj("uri", "file:///a.txt", "text", "alpha")),
                Json.obj("type", "resource_link", "uri", "file:///b.txt", "name", "b.txt")));
        assertEquals("end_turn", peer.call("session/prompt", rich).result().get("stopReason").getAsString());

        JsonObject audio = Json.obj("sessionId", sessionId, "prompt", Json.arr(
                Json.obj("type", "audio", "data", "AAAA", "mimeType", "audio/wav")));
        assertEquals(-32602, peer.call("session/prompt", audio).error().get("code").getAsInt());
    }

    @Test
    void aCancelMidTurnAnswersCancelledAndNothingFollows() throws IOException {
        String sessionId = session("text: back again");
        AcpPeer peer = harnessPeer();

        JsonElement id = harness.startPrompt(sessionId, TestProvider.HANG);
        assertEquals("session_info_update", AcpPeer.params(peer.next()).getAsJsonObject("update").get("sessionUpdate").getAsString());
        assertEquals("agent_message_chunk", AcpPeer.params(peer.next()).getAsJsonObject("update").get("sessionUpdate").getAsString());
        peer.notify("session/cancel", Json.obj("sessionId", sessionId));

        AcpPeer.Exchange cancelled = peer.await(id);
        assertEquals(List.of(), cancelled.before());
        assertEquals("cancelled", cancelled.result().get("stopReason").getAsString());
        assertNothingTrailed(peer);

        AcpPeer.Exchange next = harness.prompt(sessionId, "go on");
        assertEquals(List.of("agent_message_chunk"), next.updateKinds(), "the session works after a cancel");
        assertEquals("end_turn", next.result().get("stopReason").getAsString());
    }

    @Test
    void aRequestCancelOfAPromptEndsItCancelledLikeSessionCancel() throws IOException {
        String sessionId = session("text: back again");
        AcpPeer peer = harnessPeer();

        JsonElement id = harness.startPrompt(sessionId, TestProvider.HANG);
        peer.next();
        peer.next();
        peer.notify("$/cancel_request", Json.obj("requestId", Json.obj("unknown", 1).get("unknown")));
        peer.notify("$/cancel_request", Json.obj("requestId", id));

        AcpPeer.Exchange cancelled = peer.await(id);
        assertEquals("cancelled", cancelled.result().get("stopReason").getAsString(),
                "a cancelled prompt still answers normally, not -32800");
        assertNothingTrailed(peer);
        assertEquals("end_turn", harness.prompt(sessionId, "go on").result().get("stopReason").getAsString());
    }

    @Test
    void aSecondPromptWhileOneRunsIsRefused() throws IOException {
        String sessionId = session();
        AcpPeer peer = harnessPeer();
        JsonElement first = harness.startPrompt(sessionId, TestProvider.HANG);
        peer.next();
        peer.next();

        JsonObject error = harness.prompt(sessionId, "me too").error();
        assertEquals(-32603, error.get("code").getAsInt());
        assertTrue(error.get("message").getAsString().contains("already running"));

        peer.notify("session/cancel", Json.obj("sessionId", sessionId));
        assertEquals("cancelled", peer.await(first).result().get("stopReason").getAsString());
    }

    @Test
    void aConfirmedAuthFailureIsAuthRequiredWithTheAdvertisedMethods() throws IOException {
        harness.start();
        JsonObject initialized = harness.initialize(Json.obj("auth", Json.obj("terminal", true)));
        String sessionId = harness.newSession();

        JsonObject error = harness.prompt(sessionId, TestProvider.AUTH_EXPIRED).error();

        assertEquals(-32000, error.get("code").getAsInt());
        assertEquals("Authentication required", error.get("message").getAsString());
        assertEquals(initialized.get("authMethods"), error.getAsJsonObject("data").get("authMethods"));
    }

    @Test
    void aProviderErrorIsAnInternalErrorWithItsMessage() throws IOException {
        String sessionId = session("error: 400 the request was malformed");

        JsonObject error = harness.prompt(sessionId, "hi").error();

        assertEquals(-32603, error.get("code").getAsInt());
        assertTrue(error.get("message").getAsString().contains("the request was malformed"), error.toString());
    }

    @Test
    void theYoloCommandSwitchesTheModeBeforeTheAnswer() throws IOException {
        String sessionId = session();

        AcpPeer.Exchange turn = harness.prompt(sessionId, "/yolo");

        assertEquals(List.of("agent_message_chunk", "current_mode_update", "config_option_update"), turn.updateKinds());
        assertEquals("yolo", turn.updates().get(1).get("currentModeId").getAsString());
        assertEquals("end_turn", turn.result().get("stopReason").getAsString());
    }

    @Test
    void theStepLimitEndsTheTurnWithMaxTurnRequests() throws IOException {
        harness.maxStepsPerTurn(1);
        Files.writeString(harness.workDir.resolve("notes.txt"), "remember the milk");
        String sessionId = session(Json.toolCall("c1", "ReadFile", Json.obj("path", "notes.txt")));

        AcpPeer.Exchange turn = harness.prompt(sessionId, "read my notes");

        assertEquals("max_turn_requests", turn.result().get("stopReason").getAsString());
        JsonObject done = turn.updates().getLast();
        assertEquals("completed", done.get("status").getAsString());
        assertEquals(Json.arr(Json.obj("type", "content", "content", Json.obj("type", "text", "text", "     1\tremember the milk\n"))),
                done.get("content"));
    }

    @Test
    void aTodoListBecomesThePlan() throws IOException {
        String sessionId = session(
                Json.toolCall("c1", "SetTodoList", Json.obj("todos", Json.arr(
                        Json.obj("title", "Read the code", "status", "done"),
                        Json.obj("title", "Fix it", "status", "in_progress")))),
                "text: planned");

        AcpPeer.Exchange turn = harness.prompt(sessionId, "plan it");

        JsonObject plan = turn.updates().stream().filter(AcpPeer.kind("plan")).findFirst().orElseThrow();
        assertEquals(Json.arr(
                Json.obj("content", "Read the code", "priority", "medium", "status", "completed"),
                Json.obj("content", "Fix it", "priority", "medium", "status", "in_progress")), plan.get("entries"));
    }

    @Test
    void anUnknownSessionIsResourceNotFound() throws IOException {
        session();

        JsonObject error = harness.prompt("no-such-session", "hi").error();

        assertEquals(-32002, error.get("code").getAsInt());
        assertEquals(Json.obj("sessionId", "no-such-session"), error.get("data"));
    }

    private AcpPeer harnessPeer() {
        return harness.peer();
    }
}
