package dev.agentserver.protocol.jsonrpc;

import com.google.gson.JsonObject;
import dev.agentserver.protocol.acp.AcpBinding;
import dev.agentserver.protocol.acp.AcpClient;
import dev.agentserver.protocol.acp.AcpGson;
import dev.agentserver.protocol.acp.ClientRequests;
import dev.agentserver.protocol.acp.ContentBlock;
import dev.agentserver.protocol.acp.SessionUpdate;
import dev.agentserver.protocol.wire.WireAgent;
import dev.agentserver.protocol.wire.WireBinding;
import dev.agentserver.protocol.wire.WireClient;
import dev.agentserver.protocol.wire.WireContentPart;
import dev.agentserver.protocol.wire.WireGson;
import dev.agentserver.protocol.wire.WireMessage;
import dev.agentserver.protocol.wire.WireTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec's hot paths, per message: framing an inbound line, a request from line to handler to written
 * answer, and an outbound streamed event from stub call to written line. The forks run with the
 * launcher's compiler and collector (C1 only, serial GC), since that is what serves an editor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"})
@State(Scope.Thread)
public class CodecBenchmark {

    static final int LINES = 1000;

    /** A wire {@code prompt} request as an editor sends it. */
    static final String PROMPT = "{\"jsonrpc\":\"2.0\",\"id\":\"7f2c\",\"method\":\"prompt\",\"params\":{\"user_input\":"
            + "\"Refactor the parser in src/main/java/Parser.java so that it reports the line of each error\"}}";

    /** The agent side of the wire, answering at once: what is measured is the codec around it. */
    public static final class NullAgent implements WireAgent {
        private static final CompletableFuture<JsonObject> DONE = CompletableFuture.completedFuture(new JsonObject());

        @Override
        public CompletableFuture<JsonObject> initialize(WireTypes.InitializeParams params) {
            return DONE;
        }

        @Override
        public CompletableFuture<JsonObject> prompt(WireTypes.UserInputParams params) {
            return DONE;
        }

        @Override
        public CompletableFuture<JsonObject> steer(WireTypes.UserInputParams params) {
            return DONE;
        }

        @Override
        public CompletableFuture<JsonObject> cancel() {
            return DONE;
        }

        @Override
        public CompletableFuture<JsonObject> replay() {
            return DONE;
        }

        @Override
        public CompletableFuture<JsonObject> setPlanMode(WireTypes.SetPlanModeParams params) {
            return DONE;
        }
    }

    private ByteArrayInputStream promptLines;
    private ByteArrayInputStream oneMiBLine;
    private JsonRpcConnection<WireClient> connection;
    private WireClient remote;
    private WireMessage contentPart;
    private MessageJsonHandler handler;
    private AcpClient acpRemote;
    private ClientRequests.SessionNotification acpChunk;
    private final OutputStream sink = OutputStream.nullOutputStream();

    @Setup
    public void setUp() {
        promptLines = new ByteArrayInputStream((PROMPT + "\n").repeat(LINES).getBytes(StandardCharsets.UTF_8));
        String image = "x".repeat(1024 * 1024);
        oneMiBLine = new ByteArrayInputStream(("{\"jsonrpc\":\"2.0\",\"method\":\"event\",\"params\":\"" + image + "\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        // run() reads until the end of its stream; the stream is rewound before each invocation.
        connection = JsonRpcConnection.create(WireBinding.INSTANCE, new NullAgent(), RpcDialect.WIRE, WireGson.CONFIG,
                promptLines, OutputStream.nullOutputStream());
        remote = connection.remote();
        // Nothing is read from this connection, so it needs no agent.
        acpRemote = JsonRpcConnection.create(AcpBinding.INSTANCE, null, RpcDialect.ACP, AcpGson.CONFIG,
                InputStream.nullInputStream(), OutputStream.nullOutputStream()).remote();
        acpChunk = new ClientRequests.SessionNotification("sess_1",
                new SessionUpdate.AgentMessageChunk(new ContentBlock.Text("Hello", null), null));
        handler = new MessageJsonHandler(WireBinding.INSTANCE.remoteMethods(), WireGson.CONFIG);
        contentPart = new WireMessage("ContentPart", new WireContentPart.Text("Hello"));
    }

    /** Framing alone: split a buffer of prompt lines into strings. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public int lineReaderPerLine() throws IOException {
        promptLines.reset();
        LineReader reader = new LineReader(promptLines, JsonRpcConnection.DEFAULT_MAX_LINE_BYTES);
        int n = 0;
        while (!(reader.next() instanceof LineReader.EndOfInput)) {
            n++;
        }
        return n;
    }

    /** One line of an embedded image, 1 MiB, through the framing. */
    @Benchmark
    public Object lineReaderOneMiBLine() throws IOException {
        oneMiBLine.reset();
        return new LineReader(oneMiBLine, JsonRpcConnection.DEFAULT_MAX_LINE_BYTES).next();
    }

    /** A request from its line to the handler and its answer written: framing, strict parse, params, dispatch. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void inboundPromptRequest() throws IOException {
        promptLines.reset();
        connection.run();
    }

    /** A streamed text delta as the server sends it: typed stub call, serialisation, one write. */
    @Benchmark
    public void outboundContentPartEvent() {
        remote.event(contentPart);
    }

    /**
     * The same message the way LineWriter wrote it before it reused its buffers: a String from a
     * StringWriter, the newline concatenated, a new byte array. Kept to show what the reuse is worth.
     */
    @Benchmark
    public void outboundContentPartEventUnbuffered() throws IOException {
        NotificationMessage message = new NotificationMessage();
        message.setJsonrpc("2.0");
        message.setMethod("event");
        message.setParams(contentPart);
        String json = handler.serialize(message);
        sink.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        sink.flush();
    }

    /** A streamed text delta on ACP: a session/update with an agent_message_chunk, a tagged union. */
    @Benchmark
    public void outboundAcpAgentMessageChunk() {
        acpRemote.sessionUpdate(acpChunk);
    }

    /** The serialisation part of the above alone. */
    @Benchmark
    public String serializeContentPartEvent() {
        NotificationMessage message = new NotificationMessage();
        message.setJsonrpc("2.0");
        message.setMethod("event");
        message.setParams(contentPart);
        return connection.gson().toJson(message);
    }
}
