package dev.agentserver.server.acp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** initialize, session/new, list, load (in a fresh instance), resume, close, modes and config options. */
class AcpSessionLifecycleTest {

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

    @Test
    void initializeAnswersVersionOneWithTheCapabilitiesItHas() throws IOException {
        AcpPeer peer = harness.start();
        JsonObject result = peer.result("initialize", Json.obj("protocolVersion", 99, "clientCapabilities", Json.obj(),
                "clientInfo", Json.obj("name", "zed", "version", "0.200")));

        assertEquals(1, result.get("protocolVersion").getAsInt());
        JsonObject capabilities = result.getAsJsonObject("agentCapabilities");
        assertTrue(capabilities.get("loadSession").getAsBoolean());
        assertEquals(Json.obj("image", true, "audio", false, "embeddedContext", true),
                capabilities.getAsJsonObject("promptCapabilities"));
        assertEquals(Json.obj("list", Json.obj(), "resume", Json.obj(), "close", Json.obj()),
                capabilities.getAsJsonObject("sessionCapabilities"));
        assertEquals(Json.obj("logout", Json.obj()), capabilities.getAsJsonObject("auth"));
        assertEquals("agent-server", result.getAsJsonObject("agentInfo").get("name").getAsString());
        assertEquals(List.of("zed"), harness.clientNames);
    }

    @Test
    void aTerminalLoginIsOfferedToClientsThatCanRunOne() throws IOException {
        AcpPeer peer = harness.start();
        JsonObject result = peer.result("initialize", Json.obj("protocolVersion", 1, "clientCapabilities",
                Json.obj("auth", Json.obj("terminal", true), "_meta", Json.obj("terminal-auth", true))));

        JsonArray methods = result.getAsJsonArray("authMethods");
        assertEquals(1, methods.size());
        JsonObject login = methods.get(0).getAsJsonObject();
        assertEquals("login", login.get("id").getAsString());
        assertEquals("terminal", login.get("type").getAsString());
        assertEquals(Json.arr("login"), login.get("args"));
        assertEquals(Json.obj("command", AcpHarness.LAUNCHER, "args", Json.arr("login"), "label", "Kimi Code login"),
                login.getAsJsonObject("_meta").getAsJsonObject("terminal-auth"));
    }

    @Test
    void clientsWithoutTerminalAuthAreToldWhatToRun() throws IOException {
        AcpPeer peer = harness.start();
        JsonObject login = harness.initialize(Json.obj()).getAsJsonArray("authMethods").get(0).getAsJsonObject();

        assertFalse(login.has("type"));
        assertFalse(login.has("_meta"));
        assertTrue(login.get("description").getAsString().contains(AcpHarness.LAUNCHER + " login"));
    }

    @Test
    void newSessionAnswersThenAnnouncesItsCommands() throws IOException {
        AcpPeer peer = harness.start();
        harness.initialize(Json.obj());
        AcpPeer.Exchange created = peer.call("session/new",
                Json.obj("cwd", harness.workDir.toString(), "mcpServers", Json.arr()));

        assertEquals(List.of(), created.before(), "nothing may precede the session id");
        JsonObject result = created.result();
        String sessionId = result.get("sessionId").getAsString();
        assertEquals("default", result.getAsJsonObject("modes").get("currentModeId").getAsString());
        assertEquals(List.of("mode", "model", "thinking"), result.getAsJsonArray("configOptions").asList().stream()
                .map(o -> o.getAsJsonObject().get("id").getAsString()).toList());
        JsonObject announcement = AcpPeer.params(peer.next());
        assertEquals(sessionId, announcement.get("sessionId").getAsString());
        assertEquals(Json.arr("clear", "yolo"), Json.arr(announcement.getAsJsonObject("update")
                .getAsJsonArray("availableCommands").asList().stream()
                .map(c -> c.getAsJsonObject().get("name")).toArray()));
    }

    @Test
    void theServerPreparesForPromptsOnceASessionIsAnsweredNotAtInitialize() throws Exception {
        AcpPeer peer = harness.start();
        harness.initialize(Json.obj());
        assertEquals(0, harness.sessionsOpened.get(), "initialize alone: an idle editor's server prepares nothing");

        String first = peer.call("session/new", Json.obj("cwd", harness.workDir.toString(), "mcpServers", Json.arr()))
                .result().get("sessionId").getAsString();
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.sessionsOpened.get() == 1);
        harness.peer().call("session/close", Json.obj("sessionId", first));
        harness.stop();

        AcpPeer fresh = harness.start();
        harness.initialize(Json.obj());
        fresh.call("session/resume", Json.obj("sessionId", first, "cwd", harness.workDir.toString(), "mcpServers",
                Json.arr())).result();
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.sessionsOpened.get() == 2);
        JsonObject error = fresh.call("session/resume", Json.obj("sessionId", "no-such-session", "cwd",
                harness.workDir.toString(), "mcpServers", Json.arr())).error();
        assertEquals(-32002, error.get("code").getAsInt());
        assertEquals(2, harness.sessionsOpened.get(), "a session that failed to open prepares nothing");
    }

    @Test
    void aSessionNeedsAnAbsoluteWorkDir() throws IOException {
        AcpPeer peer = harness.start();
        harness.initialize(Json.obj());

        JsonObject error = peer.call("session/new", Json.obj("cwd", "relative/dir", "mcpServers", Json.arr())).error();
        assertEquals(-32602, error.get("code").getAsInt());
    }

    @Test
    void loadInAFreshInstanceReplaysTheHistoryBeforeAnswering() throws Exception {
        harness.start(Json.toolCall("c1", "WriteFile", Json.obj("path", "notes.txt", "content", "milk")), "text: Saved.");
        harness.initialize(Json.obj());
        String sessionId = harness.newSession();
        harness.peer().call("session/set_mode", Json.obj("sessionId", sessionId, "modeId", "yolo"));
        harness.prompt(sessionId, "Remember the milk");
        harness.stop();

        AcpPeer fresh = harness.start("text: Still here.");
        harness.initialize(Json.obj());
        AcpPeer.Exchange load = fresh.call("session/load",
                Json.obj("sessionId", sessionId, "cwd", harness.workDir.toString(), "mcpServers", Json.arr()));

        assertEquals(List.of("user_message_chunk", "tool_call", "agent_message_chunk", "session_info_update"),
                load.updateKinds());
        assertEquals(Json.obj("type", "text", "text", "Remember the milk"), load.updates().get(0).getAsJsonObject("content"));
        JsonObject call = load.updates().get(1);
        assertEquals("c1", call.get("toolCallId").getAsString());
        assertEquals("completed", call.get("status").getAsString());
        assertEquals(Json.arr(Json.obj("type", "diff", "path", harness.workDir.resolve("notes.txt").toString(),
                "newText", "milk")), call.get("content"));
        assertEquals(Json.obj("type", "text", "text", "Saved."), load.updates().get(2).getAsJsonObject("content"));
        assertTrue(load.result().has("configOptions"));
        assertEquals("available_commands_update",
                AcpPeer.params(fresh.next()).getAsJsonObject("update").get("sessionUpdate").getAsString());

        assertEquals(List.of("agent_message_chunk"), harness.prompt(sessionId, "still there?").updateKinds(),
                "the loaded session takes prompts");
    }

    @Test
    void listResumeAndClose() throws Exception {
        harness.start("text: hi");
        harness.initialize(Json.obj());
        String sessionId = harness.newSession();
        harness.prompt(sessionId, "Say hi");
        harness.stop();

        AcpPeer fresh = harness.start();
        harness.initialize(Json.obj());
        JsonArray sessions = fresh.result("session/list", Json.obj("cwd", harness.workDir.toString()))
                .getAsJsonArray("sessions");
        assertEquals(1, sessions.size());
        JsonObject listed = sessions.get(0).getAsJsonObject();
        assertEquals(sessionId, listed.get("sessionId").getAsString());
        assertEquals(harness.workDir.toString(), listed.get("cwd").getAsString());
        assertEquals("Say hi", listed.get("title").getAsString());
        assertTrue(listed.has("updatedAt"));
        assertEquals(0, fresh.result("session/list", Json.obj("cwd", temp.resolve("elsewhere").toString()))
                .getAsJsonArray("sessions").size());

        AcpPeer.Exchange resumed = fresh.call("session/resume",
                Json.obj("sessionId", sessionId, "cwd", harness.workDir.toString()));
        assertEquals(List.of(), resumed.before(), "resume replays nothing");
        assertEquals("default", resumed.result().getAsJsonObject("modes").get("currentModeId").getAsString());
        fresh.next();

        assertEquals(Json.obj(), fresh.result("session/close", Json.obj("sessionId", sessionId)));
        assertEquals(-32002, fresh.call("session/close", Json.obj("sessionId", sessionId)).error().get("code").getAsInt());
        assertEquals(-32002, harness.prompt(sessionId, "hello?").error().get("code").getAsInt());
    }

    @Test
    void closingASessionCancelsItsTurnFirst() throws IOException {
        AcpPeer peer = harness.start();
        harness.initialize(Json.obj());
        String sessionId = harness.newSession();
        com.google.gson.JsonElement turn = harness.startPrompt(sessionId, TestProvider.HANG);
        peer.next();
        peer.next();

        com.google.gson.JsonElement close = peer.request("session/close", Json.obj("sessionId", sessionId));

        assertEquals("cancelled", peer.await(turn).result().get("stopReason").getAsString());
        assertEquals(Json.obj(), peer.await(close).result());
    }

    @Test
    void anUnknownSessionCannotBeLoadedOrResumed() throws IOException {
        AcpPeer peer = harness.start();
        harness.initialize(Json.obj());
        String cwd = harness.workDir.toString();

        assertEquals(-32002, peer.call("session/load", Json.obj("sessionId", "nope", "cwd", cwd, "mcpServers", Json.arr()))
                .error().get("code").getAsInt());
        assertEquals(-32002, peer.call("session/resume", Json.obj("sessionId", "nope", "cwd", cwd))
                .error().get("code").getAsInt());
        assertEquals(-32002, peer.call("session/set_mode", Json.obj("sessionId", "nope", "modeId", "yolo"))
                .error().get("code").getAsInt());
    }

    @Test
    void configOptionsAnswerTheCompleteListAndKeepTheModeInStep() throws IOException {
        AcpPeer peer = harness.start();
        harness.initialize(Json.obj());
        String sessionId = harness.newSession();

        AcpPeer.Exchange mode = peer.call("session/set_config_option",
                Json.obj("sessionId", sessionId, "configId", "mode", "value", "yolo"));
        assertEquals(List.of("current_mode_update"), mode.updateKinds());
        JsonArray options = mode.result().getAsJsonArray("configOptions");
        assertEquals(3, options.size());
        assertEquals("yolo", options.get(0).getAsJsonObject().get("currentValue").getAsString());
        assertEquals(Json.obj("type", "select", "id", "model", "name", "Model", "category", "model",
                "currentValue", AcpHarness.MODEL, "options", Json.arr(Json.obj("value", AcpHarness.MODEL, "name", AcpHarness.MODEL),
                        Json.obj("value", AcpHarness.OTHER_MODEL, "name", AcpHarness.OTHER_MODEL))), options.get(1));
        assertEquals("off", options.get(2).getAsJsonObject().get("currentValue").getAsString());

        JsonArray thinkingOn = peer.result("session/set_config_option",
                Json.obj("sessionId", sessionId, "configId", "thinking", "value", "on")).getAsJsonArray("configOptions");
        assertEquals("on", thinkingOn.get(2).getAsJsonObject().get("currentValue").getAsString());
        for (JsonObject refused : List.of(
                Json.obj("sessionId", sessionId, "configId", "model", "value", "gpt-9"),
                Json.obj("sessionId", sessionId, "configId", "thinking", "value", "maybe"),
                Json.obj("sessionId", sessionId, "configId", "colour", "value", "red"),
                Json.obj("sessionId", sessionId, "configId", "mode", "type", "boolean", "value", true),
                Json.obj("sessionId", sessionId, "configId", "mode", "value", true))) {
            assertEquals(-32602, peer.call("session/set_config_option", refused).error().get("code").getAsInt(),
                    refused::toString);
        }
        assertEquals(-32602, peer.call("session/set_mode", Json.obj("sessionId", sessionId, "modeId", "turbo"))
                .error().get("code").getAsInt());
    }

    @Test
    void switchingTheModelChangesWhichModelAnswersTheNextPrompt() throws IOException {
        AcpPeer peer = harness.start("text: from the first model");
        harness.otherModelScripts("text: from the other model");
        harness.initialize(Json.obj());
        String sessionId = harness.newSession();
        JsonArray options = peer.result("session/set_config_option",
                Json.obj("sessionId", sessionId, "configId", "model", "value", AcpHarness.OTHER_MODEL))
                .getAsJsonArray("configOptions");
        assertEquals(AcpHarness.OTHER_MODEL, options.get(1).getAsJsonObject().get("currentValue").getAsString());
        AcpPeer.Exchange turn = peer.call("session/prompt", Json.obj("sessionId", sessionId,
                "prompt", Json.arr(Json.obj("type", "text", "text", "hi"))));
        assertTrue(turn.updates().toString().contains("from the other model"), turn.updates().toString());
    }

    @Test
    void loginIsAskedForOnlyWhenTheProviderNeedsIt() throws IOException {
        AcpPeer peer = harness.start();
        JsonObject initialized = harness.initialize(Json.obj("auth", Json.obj("terminal", true)));
        harness.loginRequired.set(true);

        JsonObject error = peer.call("session/new",
                Json.obj("cwd", harness.workDir.toString(), "mcpServers", Json.arr())).error();
        assertEquals(-32000, error.get("code").getAsInt());
        assertEquals(Json.obj("authMethods", initialized.get("authMethods")), error.get("data"));
        assertEquals(-32000, peer.call("authenticate", Json.obj("methodId", "login")).error().get("code").getAsInt());
        assertEquals(-32602, peer.call("authenticate", Json.obj("methodId", "magic")).error().get("code").getAsInt());

        harness.loginRequired.set(false);
        assertEquals(Json.obj(), peer.result("authenticate", Json.obj("methodId", "login")));
        harness.newSession();
        assertEquals(Json.obj(), peer.result("logout", Json.obj()));
        assertEquals(1, harness.logouts.get());
    }
}
