package dev.agentserver.server.acp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tools reach files and commands through the editor when it offers {@code fs/*} and {@code terminal/*}. */
class AcpEditorDelegationTest {

    private static final JsonObject ALLOW = Json.obj("outcome", Json.obj("outcome", "selected", "optionId", "allow_once"));

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

    private void start(JsonObject capabilities, String... scripts) throws IOException {
        peer = harness.start(scripts);
        harness.initialize(capabilities);
        sessionId = harness.newSession();
    }

    private static JsonObject fs() {
        return Json.obj("fs", Json.obj("readTextFile", true, "writeTextFile", true));
    }

    @Test
    void aWriteGoesThroughTheEditorAndNotTheDisk() throws IOException {
        start(fs(), Json.toolCall("c1", "WriteFile", Json.obj("path", "new.txt", "content", "fresh")), "text: ok");
        String path = harness.workDir.resolve("new.txt").toString();

        JsonElement id = harness.startPrompt(sessionId, "create new.txt");
        JsonObject read = peer.nextRequest("fs/read_text_file");
        assertEquals(Json.obj("sessionId", sessionId, "path", path), AcpPeer.params(read));
        peer.answerError(read, -32002, "no such file");
        peer.answer(peer.nextRequest("session/request_permission"), ALLOW);
        // Before writing, the tool reads again: the buffer may have changed while the user was deciding.
        peer.answerError(peer.nextRequest("fs/read_text_file"), -32002, "no such file");
        JsonObject write = peer.nextRequest("fs/write_text_file");
        assertEquals(Json.obj("sessionId", sessionId, "path", path, "content", "fresh"), AcpPeer.params(write));
        peer.answer(write, JsonNull.INSTANCE);

        AcpPeer.Exchange turn = peer.await(id);
        assertEquals("completed", turn.updates().stream().filter(AcpPeer.kind("tool_call_update"))
                .reduce((a, b) -> b).orElseThrow().get("status").getAsString());
        assertEquals("end_turn", turn.result().get("stopReason").getAsString());
        assertFalse(Files.exists(Path.of(path)), "the editor writes the file, not the agent");
    }

    @Test
    void aReadSeesTheEditorsUnsavedBuffer() throws IOException {
        start(fs(), Json.toolCall("c1", "ReadFile", Json.obj("path", "draft.md")), "text: read it");
        peer.onRequest("fs/read_text_file", params -> Json.obj("content", "unsaved words"));

        AcpPeer.Exchange turn = harness.prompt(sessionId, "read the draft");

        assertEquals(1, turn.requests("fs/read_text_file").size());
        JsonObject done = turn.updates().stream().filter(AcpPeer.kind("tool_call_update"))
                .filter(u -> "completed".equals(u.get("status").getAsString())).findFirst().orElseThrow();
        assertEquals(Json.arr(Json.obj("type", "content", "content", Json.obj("type", "text", "text", "     1\tunsaved words\n"))),
                done.get("content"));
    }

    @Test
    void aCommandRunsInTheEditorsTerminalWhichTheCallShows() throws IOException {
        start(Json.obj("terminal", true), Json.toolCall("c1", "Shell", Json.obj("command", "echo hi")), "text: ran");

        JsonElement id = harness.startPrompt(sessionId, "say hi");
        peer.answer(peer.nextRequest("session/request_permission"), ALLOW);
        JsonObject create = peer.nextRequest("terminal/create");
        assertEquals(Json.obj("sessionId", sessionId, "command", "bash", "args", Json.arr("-c", "echo hi"),
                "cwd", harness.workDir.toString(), "outputByteLimit", 262144), AcpPeer.params(create));
        peer.answer(create, Json.obj("terminalId", "term-1"));
        JsonObject wait = peer.nextRequest("terminal/wait_for_exit");
        peer.answer(wait, Json.obj("exitCode", 0));
        JsonObject output = peer.nextRequest("terminal/output");
        peer.answer(output, Json.obj("output", "hi\n", "truncated", false));
        JsonObject release = peer.nextRequest("terminal/release");
        assertEquals(Json.obj("sessionId", sessionId, "terminalId", "term-1"), AcpPeer.params(release));
        peer.answer(release, Json.obj());

        AcpPeer.Exchange turn = peer.await(id);
        JsonObject done = turn.updates().stream().filter(AcpPeer.kind("tool_call_update")).findFirst().orElseThrow();
        assertEquals("completed", done.get("status").getAsString());
        assertEquals(Json.arr(Json.obj("type", "terminal", "terminalId", "term-1")), done.get("content"));
        assertEquals("end_turn", turn.result().get("stopReason").getAsString());
    }

    @Test
    void theTerminalAppearsInTheCallAsSoonAsItIsCreated() throws IOException {
        start(Json.obj("terminal", true), Json.toolCall("c1", "Shell", Json.obj("command", "make")));

        harness.startPrompt(sessionId, "build");
        peer.answer(peer.nextRequest("session/request_permission"), ALLOW);
        assertEquals("in_progress", AcpPeer.params(peer.next()).getAsJsonObject("update").get("status").getAsString());
        peer.answer(peer.nextRequest("terminal/create"), Json.obj("terminalId", "term-2"));

        JsonObject shown = AcpPeer.params(peer.next()).getAsJsonObject("update");
        assertEquals(Json.obj("sessionUpdate", "tool_call_update", "toolCallId", "c1",
                "content", Json.arr(Json.obj("type", "terminal", "terminalId", "term-2"))), shown);
        peer.nextRequest("terminal/wait_for_exit");
        peer.notify("session/cancel", Json.obj("sessionId", sessionId));
        peer.answer(peer.nextRequest("terminal/kill"), Json.obj());
        peer.answer(peer.nextRequest("terminal/release"), Json.obj());
    }

    @Test
    void aCancelKillsAndReleasesTheTerminal() throws IOException {
        start(Json.obj("terminal", true), Json.toolCall("c1", "Shell", Json.obj("command", "sleep 600")));

        JsonElement id = harness.startPrompt(sessionId, "wait a long time");
        peer.answer(peer.nextRequest("session/request_permission"), ALLOW);
        peer.answer(peer.nextRequest("terminal/create"), Json.obj("terminalId", "term-3"));
        peer.nextRequest("terminal/wait_for_exit");
        peer.notify("session/cancel", Json.obj("sessionId", sessionId));

        JsonObject kill = peer.nextRequest("terminal/kill");
        assertEquals(Json.obj("sessionId", sessionId, "terminalId", "term-3"), AcpPeer.params(kill));
        JsonObject release = peer.nextRequest("terminal/release");
        peer.answer(kill, Json.obj());
        peer.answer(release, Json.obj());
        assertEquals("cancelled", peer.await(id).result().get("stopReason").getAsString());
    }
}
