package dev.agentserver.server.wire;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentserver.protocol.jsonrpc.JsonRpcConnection;
import dev.agentserver.protocol.jsonrpc.RpcDialect;
import dev.agentserver.protocol.wire.WireBinding;
import dev.agentserver.protocol.wire.WireClient;
import dev.agentserver.protocol.wire.WireGson;
import dev.agentserver.server.agent.RetryPolicy;
import dev.agentserver.server.agent.Sleeper;
import dev.agentserver.server.agent.TurnSettings;
import dev.agentserver.server.llm.scripted.ScriptedEchoProvider;
import dev.agentserver.server.runtime.OpenedSession;
import dev.agentserver.server.runtime.SessionFactory;
import dev.agentserver.server.session.SessionStore;
import dev.agentserver.server.tools.Tool;
import dev.agentserver.server.tools.ToolRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * A wire server over in-memory pipes with the real core, session files in a temp dir and the scripted
 * provider. Retries wait zero time: the sleeper is injected.
 */
final class WireHarness implements AutoCloseable {

    final Path shareDir;
    final Path workDir;
    final List<Duration> sleeps = new ArrayList<>();
    private final PipedOutputStream toServer;
    private final LinkedBlockingQueue<JsonObject> fromServer = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final WireServer server;
    final OpenedSession opened;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    WireHarness(Path tempDir, List<String> scripts, List<Tool> tools, boolean yolo, int maxSteps, String sessionId)
            throws IOException {
        this.shareDir = tempDir.resolve("share");
        this.workDir = tempDir.resolve("work");
        Files.createDirectories(workDir);
        Path scriptsFile = tempDir.resolve("scripts-" + sessionId + ".json");
        JsonArray array = new JsonArray();
        scripts.forEach(array::add);
        Files.writeString(scriptsFile, array.toString());
        Sleeper recordingSleeper = (duration, cancel) -> {
            synchronized (sleeps) {
                sleeps.add(duration);
            }
            cancel.throwIfCancelled();
        };
        SessionFactory factory = new SessionFactory(new SessionStore(shareDir, Clock.systemUTC()),
                () -> new ScriptedEchoProvider("scripted_echo", scriptsFile), new ToolRegistry(tools),
                new TurnSettings(maxSteps, new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8),
                        RandomGenerator.getDefault()), 100_000L, false, "You are a test agent."),
                yolo, recordingSleeper);
        opened = factory.open(workDir, sessionId, null, null);
        server = new WireServer(opened.session(), opened.files(), opened.recorder(), executor, name -> { });
        toServer = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(toServer, 1 << 20);
        JsonRpcConnection<WireClient> connection = JsonRpcConnection.create(WireBinding.INSTANCE, server, RpcDialect.WIRE,
                WireGson.CONFIG, in, new Lines());
        server.connect(connection.remote(), connection.gson());
        reader = Thread.ofVirtual().start(() -> {
            try {
                connection.run();
                server.shutdown();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private final class Lines extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                fromServer.add(JsonParser.parseString(line.toString(StandardCharsets.UTF_8)).getAsJsonObject());
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    void send(String json) throws IOException {
        toServer.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    void request(String id, String method, String params) throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}");
    }

    JsonObject next() throws InterruptedException {
        JsonObject message = fromServer.poll(10, TimeUnit.SECONDS);
        assertNotNull(message, "expected a message from the server");
        return message;
    }

    /** Reads messages up to and including the answer with {@code id}; returns them all. */
    List<JsonObject> until(String id) throws InterruptedException {
        List<JsonObject> seen = new ArrayList<>();
        while (true) {
            JsonObject m = next();
            seen.add(m);
            if (!m.has("method") && m.has("id") && !m.get("id").isJsonNull() && id.equals(m.get("id").getAsString())) {
                return seen;
            }
        }
    }

    /** The event types in order (requests as "request:Type"), the answer left out. */
    static List<String> types(List<JsonObject> messages) {
        List<String> types = new ArrayList<>();
        for (JsonObject m : messages) {
            if (m.has("method")) {
                String type = m.getAsJsonObject("params").get("type").getAsString();
                types.add("request".equals(m.get("method").getAsString()) ? "request:" + type : type);
            }
        }
        return types;
    }

    boolean readerAlive() {
        return reader.isAlive();
    }

    void closeInput() throws IOException {
        toServer.close();
    }

    @Override
    public void close() throws IOException {
        toServer.close();
        executor.shutdownNow();
    }
}
