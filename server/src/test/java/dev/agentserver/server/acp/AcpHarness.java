package dev.agentserver.server.acp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentserver.server.agent.RetryPolicy;
import dev.agentserver.server.agent.TurnSettings;
import dev.agentserver.server.llm.scripted.ScriptedEchoProvider;
import dev.agentserver.server.runtime.AuthGate;
import dev.agentserver.server.runtime.ModelCatalog;
import dev.agentserver.server.tools.LocalCommandRunner;
import dev.agentserver.server.tools.LocalFileAccess;
import dev.agentserver.server.tools.ToolRegistry;
import dev.agentserver.server.runtime.ServerRuntime;
import dev.agentserver.server.runtime.SessionFactory;
import dev.agentserver.server.session.SessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ACP servers in this JVM over one data directory and one work dir, each driven by an {@link AcpPeer}.
 * Each {@link #start} is a fresh server instance (as a fresh process would be) with its own scripts for
 * the model; sessions persist in the data directory between instances.
 */
final class AcpHarness {

    static final String LAUNCHER = "/opt/agent-server/bin/agent-server";
    static final String MODEL = "scripted-echo";

    final Path shareDir;
    final Path workDir;
    static final String OTHER_MODEL = "other-model";
    final AtomicBoolean loginRequired = new AtomicBoolean();
    final AtomicInteger logouts = new AtomicInteger();
    final List<String> clientNames = new CopyOnWriteArrayList<>();
    final AtomicInteger sessionsOpened = new AtomicInteger();
    private final Path temp;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<AcpPeer> peers = new ArrayList<>();
    private final AtomicInteger exitCode = new AtomicInteger();
    private int maxStepsPerTurn = 10;
    private int instances;
    private Thread server;
    private AcpPeer peer;

    AcpHarness(Path temp) throws IOException {
        this.temp = temp;
        this.shareDir = Files.createDirectories(temp.resolve("share"));
        this.workDir = Files.createDirectories(temp.resolve("project")).toRealPath();
    }

    AcpHarness maxStepsPerTurn(int steps) {
        this.maxStepsPerTurn = steps;
        return this;
    }

    /** Starts a server instance whose model replays {@code scripts}, one per model call. */
    AcpPeer start(String... scripts) throws IOException {
        Path scriptsFile = temp.resolve("scripts-" + (++instances) + ".json");
        Files.writeString(scriptsFile, Json.arr((Object[]) scripts).toString());
        SessionFactory sessions = new SessionFactory(new SessionStore(shareDir, Clock.systemUTC()),
                () -> new TestProvider(new ScriptedEchoProvider(MODEL, scriptsFile)), ToolRegistry.builtins(),
                new TurnSettings(maxStepsPerTurn, RetryPolicy.defaults(1), 200_000L, false, null), false,
                (duration, cancel) -> { });
        ServerRuntime runtime = new ServerRuntime(sessions, authGate(), LAUNCHER, executor, clientNames::add,
                otherModel(scriptsFile), sessionsOpened::incrementAndGet);
        LinePipe input = new LinePipe();
        peer = new AcpPeer(input.writer);
        peers.add(peer);
        AcpPeer output = peer;
        exitCode.set(-1);
        server = Thread.ofPlatform().name("acp-server-" + instances).start(() -> exitCode.set(
                AcpServer.serve(runtime, new ModelInEffect(MODEL, false), input.reader, output.fromServer,
                        LocalFileAccess::new, LocalCommandRunner::new)));
        return peer;
    }

    /**
     * A catalog with the harness model and {@link #OTHER_MODEL}, whose scripts file is the harness's with
     * "-other" appended ({@link #otherModelScripts} writes it), so a test can tell which model answered.
     */
    private ModelCatalog otherModel(Path scriptsFile) {
        Path otherScripts = scriptsFile.resolveSibling(scriptsFile.getFileName() + "-other");
        return new ModelCatalog() {
            @Override
            public List<String> names() {
                return List.of(MODEL, OTHER_MODEL);
            }

            @Override
            public java.util.Optional<Choice> open(String name) {
                return switch (name) {
                    case OTHER_MODEL -> java.util.Optional.of(new Choice(OTHER_MODEL,
                            new ScriptedEchoProvider(OTHER_MODEL, otherScripts), 64_000L));
                    case MODEL -> java.util.Optional.of(new Choice(MODEL, new ScriptedEchoProvider(MODEL, scriptsFile), 200_000L));
                    default -> java.util.Optional.empty();
                };
            }
        };
    }

    /** Gives {@link #OTHER_MODEL} of the latest instance its scripts. */
    void otherModelScripts(String... scripts) throws IOException {
        Files.writeString(temp.resolve("scripts-" + instances + ".json-other"), Json.arr((Object[]) scripts).toString());
    }

    private AuthGate authGate() {
        return new AuthGate() {
            @Override
            public boolean loginRequired() {
                return loginRequired.get();
            }

            @Override
            public void logout() {
                logouts.incrementAndGet();
            }
        };
    }

    /** Ends the running instance's input and waits for it to return, as a client closing stdin would. */
    void stop() throws IOException, InterruptedException {
        if (server != null) {
            peer.close();
            assertTrue(server.join(Duration.ofSeconds(10)), "the server did not stop at the end of its input");
            assertEquals(0, exitCode.get(), "exit code at the end of input");
            server = null;
        }
    }

    /** initialize with {@code capabilities}; returns the result. */
    JsonObject initialize(JsonObject capabilities) {
        return peer.result("initialize", Json.obj("protocolVersion", 1, "clientCapabilities", capabilities,
                "clientInfo", Json.obj("name", "test-editor", "version", "1.0")));
    }

    /** session/new in the work dir; returns the session id. */
    String newSession() {
        AcpPeer.Exchange created = peer.call("session/new", Json.obj("cwd", workDir.toString(), "mcpServers", Json.arr()));
        String sessionId = created.result().get("sessionId").getAsString();
        JsonObject commands = AcpPeer.params(peer.next());
        assertEquals("available_commands_update", commands.getAsJsonObject("update").get("sessionUpdate").getAsString());
        return sessionId;
    }

    AcpPeer.Exchange prompt(String sessionId, String text) {
        return peer.call("session/prompt", promptParams(sessionId, text));
    }

    JsonElement startPrompt(String sessionId, String text) {
        return peer.request("session/prompt", promptParams(sessionId, text));
    }

    static JsonObject promptParams(String sessionId, String text) {
        return Json.obj("sessionId", sessionId, "prompt", Json.arr(Json.obj("type", "text", "text", text)));
    }

    /** The peer of the running instance. */
    AcpPeer peer() {
        return peer;
    }

    /** Every schema violation seen by any instance's peer. */
    List<String> violations() {
        return peers.stream().flatMap(p -> p.violations().stream()).toList();
    }

    void close() throws IOException, InterruptedException {
        stop();
        executor.shutdownNow();
    }
}
