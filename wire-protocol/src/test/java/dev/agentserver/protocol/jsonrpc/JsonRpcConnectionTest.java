package dev.agentserver.protocol.jsonrpc;

import static org.awaitility.Awaitility.await;
import static org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod.notification;
import static org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentserver.protocol.wire.WireGson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonRpcConnectionTest {

    /** A toy protocol: echo, a notification, and a request that waits for the client's answer. */
    public interface ToyAgent {
        @JsonRequest("echo")
        CompletableFuture<JsonObject> echo(EchoParams params);

        @JsonNotification("note")
        void note(EchoParams params);

        @JsonRequest("ask_client")
        CompletableFuture<JsonObject> askClient(EchoParams params);

        @JsonRequest("fail")
        CompletableFuture<JsonObject> fail(EchoParams params);

        @JsonRequest("throw")
        CompletableFuture<JsonObject> throwNow(EchoParams params);
    }

    public interface ToyClient {
        @JsonRequest("question")
        CompletableFuture<JsonObject> question(Question question);
    }

    /** The toy protocol written out, as AcpBinding and WireBinding are; RpcBindingTest holds it to the annotations. */
    static final class ToyBinding extends RpcBinding<ToyAgent, ToyClient> {
        static final ToyBinding INSTANCE = new ToyBinding();

        private ToyBinding() {
            super(ToyAgent.class, ToyClient.class,
                    table(request("echo", JsonObject.class, EchoParams.class),
                            notification("note", EchoParams.class),
                            request("ask_client", JsonObject.class, EchoParams.class),
                            request("fail", JsonObject.class, EchoParams.class),
                            request("throw", JsonObject.class, EchoParams.class)),
                    table(request("question", JsonObject.class, Question.class)));
        }

        @Override
        public Endpoint endpoint(ToyAgent agent) {
            return new Endpoint() {
                @Override
                public CompletableFuture<?> request(String method, Object params) {
                    return switch (method) {
                        case "echo" -> agent.echo((EchoParams) params);
                        case "ask_client" -> agent.askClient((EchoParams) params);
                        case "fail" -> agent.fail((EchoParams) params);
                        case "throw" -> agent.throwNow((EchoParams) params);
                        default -> UnknownMethod.request(method);
                    };
                }

                @Override
                public void notify(String method, Object params) {
                    switch (method) {
                        case "note" -> agent.note((EchoParams) params);
                        default -> UnknownMethod.notification(method);
                    }
                }
            };
        }

        @SuppressWarnings("unchecked")
        @Override
        public ToyClient remote(Endpoint remote) {
            return question -> (CompletableFuture<JsonObject>) remote.request("question", question);
        }
    }

    public record EchoParams(String text) implements Validated {
        @Override
        public void validate() {
            Validated.require(text != null, "text is required");
        }
    }

    public static final class Question implements CarriesRequestId {
        final String text;
        final transient String id;

        Question(String text, String id) {
            this.text = text;
            this.id = id;
        }

        @Override
        public String requestId() {
            return id;
        }
    }

    final class ToyService implements ToyAgent {
        final List<String> notes = new ArrayList<>();

        @Override
        public CompletableFuture<JsonObject> echo(EchoParams params) {
            JsonObject result = new JsonObject();
            result.addProperty("text", params.text());
            return CompletableFuture.completedFuture(result);
        }

        @Override
        public void note(EchoParams params) {
            synchronized (notes) {
                notes.add(params.text());
            }
        }

        @Override
        public CompletableFuture<JsonObject> askClient(EchoParams params) {
            return connection.remote().question(new Question(params.text(), "q-" + params.text()))
                    .thenApply(answer -> answer);
        }

        @Override
        public CompletableFuture<JsonObject> fail(EchoParams params) {
            return CompletableFuture.failedFuture(new IllegalStateException("boom"));
        }

        @Override
        public CompletableFuture<JsonObject> throwNow(EchoParams params) {
            throw new IllegalStateException("boom");
        }
    }

    private PipedOutputStream clientOut;
    private final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private volatile JsonRpcConnection<ToyClient> connection;
    private ToyService service;
    private Thread reader;

    @BeforeEach
    void start() throws IOException {
        clientOut = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 20);
        service = new ToyService();
        connection = JsonRpcConnection.create(ToyBinding.INSTANCE, service, RpcDialect.WIRE, WireGson.CONFIG,
                serverIn, new LineCollector(), 4096);
        // The reader runs this connection, not whatever the field holds once the thread is scheduled: a test
        // that puts its own connection in the field would otherwise get two readers on its input.
        JsonRpcConnection<ToyClient> started = connection;
        reader = Thread.ofVirtual().start(() -> {
            try {
                started.run();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        clientOut.close();
    }

    private final class LineCollector extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                received.add(JsonParser.parseString(line.toString(StandardCharsets.UTF_8)).getAsJsonObject());
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private void send(String line) throws IOException {
        clientOut.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        clientOut.flush();
    }

    private JsonObject next() throws InterruptedException {
        JsonObject message = received.poll(30, TimeUnit.SECONDS);
        assertTrue(message != null, "expected a message from the server");
        return message;
    }

    @Test
    void nonJsonLineIsAParseErrorWithNullIdAndServingContinues() throws Exception {
        send("this is not json");
        JsonObject error = next();
        assertTrue(error.has("id") && error.get("id").isJsonNull());
        assertEquals(-32700, error.getAsJsonObject("error").get("code").getAsInt());
        assertFalse(error.getAsJsonObject("error").get("data") != null
                && !error.getAsJsonObject("error").get("data").isJsonNull());
        send("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"echo\",\"params\":{\"text\":\"hi\"}}");
        assertEquals("hi", next().getAsJsonObject("result").get("text").getAsString());
    }

    @Test
    void trailingGarbageAndLenientJsonAreParseErrors() throws Exception {
        send("{\"id\":\"a\",\"method\":\"echo\"} x");
        assertEquals(-32700, next().getAsJsonObject("error").get("code").getAsInt());
        send("{id:'a'}");
        assertEquals(-32700, next().getAsJsonObject("error").get("code").getAsInt());
    }

    @Test
    void jsonThatIsNotARequestIsInvalidRequest() throws Exception {
        for (String bad : List.of("[1,2]", "42", "\"text\"", "{\"jsonrpc\":\"1.0\",\"id\":\"x\",\"method\":\"echo\"}",
                "{\"id\":true,\"method\":\"echo\"}", "{\"id\":\"x\",\"method\":7}")) {
            send(bad);
            JsonObject error = next();
            assertEquals(-32600, error.getAsJsonObject("error").get("code").getAsInt(), bad);
            assertTrue(error.get("id").isJsonNull(), bad);
        }
    }

    @Test
    void unknownMethodIsMethodNotFoundWithTheId() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"u1\",\"method\":\"nope\"}");
        JsonObject error = next();
        assertEquals("u1", error.get("id").getAsString());
        assertEquals(-32601, error.getAsJsonObject("error").get("code").getAsInt());
        assertEquals("Unexpected method received: nope", error.getAsJsonObject("error").get("message").getAsString());
    }

    @Test
    void aVeryLongUnknownMethodIsEchoedCut() throws Exception {
        String name = "m".repeat(InboundDispatcher.ECHOED_METHOD_CHARS) + "tail".repeat(250);
        send("{\"jsonrpc\":\"2.0\",\"id\":\"u2\",\"method\":\"" + name + "\"}");
        JsonObject error = next();
        assertEquals(-32601, error.getAsJsonObject("error").get("code").getAsInt());
        assertEquals("Unexpected method received: " + "m".repeat(InboundDispatcher.ECHOED_METHOD_CHARS) + "… (1200 characters)",
                error.getAsJsonObject("error").get("message").getAsString());
    }

    @Test
    void lspCancelRequestIsNotAMethodHere() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"c\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":\"x\"}}");
        assertEquals(-32601, next().getAsJsonObject("error").get("code").getAsInt());
    }

    @Test
    void badParamsAreInvalidParams() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"p1\",\"method\":\"echo\",\"params\":{}}");
        JsonObject error = next();
        assertEquals(-32602, error.getAsJsonObject("error").get("code").getAsInt());
        assertEquals("Invalid parameters for method `echo`", error.getAsJsonObject("error").get("message").getAsString());
        send("{\"jsonrpc\":\"2.0\",\"id\":\"p2\",\"method\":\"echo\",\"params\":{\"text\":[1]}}");
        assertEquals(-32602, next().getAsJsonObject("error").get("code").getAsInt());
        send("{\"jsonrpc\":\"2.0\",\"id\":\"p3\",\"method\":\"echo\"}");
        assertEquals(-32602, next().getAsJsonObject("error").get("code").getAsInt());
    }

    @Test
    void idsKeepTheirJsonTypeAndSizeBeyondInt() throws Exception {
        for (String id : List.of("\"7\"", "7", "0", "9007199254740991", "123456789012345678901234567890", "-5",
                "1e99999", "1.50", "-0")) {
            send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"echo\",\"params\":{\"text\":\"t\"}}");
            JsonObject answer = next();
            assertEquals(JsonParser.parseString(id), answer.get("id"), id);
            assertEquals(id, answer.get("id").toString(), "the id's text is echoed exactly");
            assertTrue(answer.has("result"));
        }
    }

    @Test
    void notificationsAreNeverAnswered() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":{\"text\":\"n1\"}}");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"unknown_notification\"}");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":{}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"echo\",\"params\":{\"text\":\"x\"}}");
        JsonObject answer = next();
        assertEquals("after", answer.get("id").getAsString());
        synchronized (service.notes) {
            assertEquals(List.of("n1"), service.notes);
        }
    }

    @Test
    void answersToUnknownIdsAreIgnored() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"never-sent\",\"result\":{}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":99,\"error\":{\"code\":1,\"message\":\"x\"}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"echo\",\"params\":{\"text\":\"x\"}}");
        assertEquals("after", next().get("id").getAsString());
    }

    @Test
    void failuresCarryNoStackTrace() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"f\",\"method\":\"fail\",\"params\":{\"text\":\"x\"}}");
        JsonObject error = next().getAsJsonObject("error");
        assertEquals(-32603, error.get("code").getAsInt());
        assertEquals("IllegalStateException: boom", error.get("message").getAsString());
        JsonElement data = error.get("data");
        assertTrue(data == null || data.isJsonNull());
    }

    @Test
    void aHandlerThatThrowsIsAnsweredAsOneWhoseFutureFails() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"t\",\"method\":\"throw\",\"params\":{\"text\":\"x\"}}");
        JsonObject answer = next();
        assertEquals("t", answer.get("id").getAsString());
        JsonObject error = answer.getAsJsonObject("error");
        assertEquals(-32603, error.get("code").getAsInt());
        assertEquals("IllegalStateException: boom", error.get("message").getAsString());
        JsonElement data = error.get("data");
        assertTrue(data == null || data.isJsonNull());
    }

    @Test
    void aHandlerWaitingForTheClientDoesNotBlockTheReader() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"ask\",\"method\":\"ask_client\",\"params\":{\"text\":\"1\"}}");
        JsonObject question = next();
        assertEquals("question", question.get("method").getAsString());
        assertEquals("q-1", question.get("id").getAsString(), "the request id comes from the params");
        assertFalse(question.getAsJsonObject("params").has("id"), "the carried id is not written into params");
        // The reader still serves other requests while ask_client waits.
        send("{\"jsonrpc\":\"2.0\",\"id\":\"e\",\"method\":\"echo\",\"params\":{\"text\":\"meanwhile\"}}");
        assertEquals("meanwhile", next().getAsJsonObject("result").get("text").getAsString());
        send("{\"jsonrpc\":\"2.0\",\"id\":\"q-1\",\"result\":{\"answer\":42}}");
        JsonObject answer = next();
        assertEquals("ask", answer.get("id").getAsString());
        assertEquals(42, answer.getAsJsonObject("result").get("answer").getAsInt());
    }

    @Test
    void anOverlongLineGetsAClearErrorAndServingContinues() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"method\":\"echo\",\"params\":{\"text\":\"" + "x".repeat(100_000) + "\"}}");
        JsonObject error = next();
        assertTrue(error.get("id").isJsonNull());
        assertEquals(-32600, error.getAsJsonObject("error").get("code").getAsInt());
        assertTrue(error.getAsJsonObject("error").get("message").getAsString().contains("exceeds the limit of 4096 bytes"));
        send("{\"jsonrpc\":\"2.0\",\"id\":\"small\",\"method\":\"echo\",\"params\":{\"text\":\"ok\"}}");
        assertEquals("small", next().get("id").getAsString());
    }

    @Test
    void blankLineIsAParseErrorInTheWireDialect() throws Exception {
        send("   ");
        assertEquals(-32700, next().getAsJsonObject("error").get("code").getAsInt());
    }

    @Test
    void runReturnsAtEndOfInput() throws Exception {
        clientOut.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !reader.isAlive());
    }

    @Test
    void aRequestCancelAnswersMinus32800UnlessTheServiceHandlesIt() throws Exception {
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(toServer, 1 << 16);
        LinkedBlockingQueue<JsonObject> out = new LinkedBlockingQueue<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        OutputStream collector = new OutputStream() {
            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    out.add(JsonParser.parseString(line.toString(StandardCharsets.UTF_8)).getAsJsonObject());
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        };
        List<String> handledByService = new ArrayList<>();
        ToyService acpService = new ToyService();
        JsonRpcConnection<ToyClient> acp = JsonRpcConnection.create(ToyBinding.INSTANCE, acpService, RpcDialect.ACP,
                b -> { }, in, collector);
        connection = acp;
        acp.onRequestCancel((method, params) -> {
            handledByService.add(method);
            return method.equals("echo");
        });
        Thread.ofVirtual().start(() -> {
            try {
                acp.run();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        String ask = "{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"ask_client\",\"params\":{\"text\":\"1\"}}\n";
        toServer.write(ask.getBytes(StandardCharsets.UTF_8));
        toServer.flush();
        assertEquals("question", out.poll(30, TimeUnit.SECONDS).get("method").getAsString());
        String cancel = "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancel_request\",\"params\":{\"requestId\":41}}\n";
        toServer.write(cancel.getBytes(StandardCharsets.UTF_8));
        toServer.flush();
        JsonObject answer = out.poll(30, TimeUnit.SECONDS);
        assertEquals(41, answer.get("id").getAsInt());
        assertEquals(-32800, answer.getAsJsonObject("error").get("code").getAsInt());
        assertEquals(List.of("ask_client"), handledByService, "the service was asked first");
        toServer.close();
    }

    @Test
    void acpDialectSkipsBlankLinesAndAcceptsCrlf() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String input = "\r\n\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"crlf\"}}\r\n";
        JsonRpcConnection<ToyClient> acp = JsonRpcConnection.create(ToyBinding.INSTANCE, new ToyService(), RpcDialect.ACP,
                b -> { }, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        acp.run();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, lines.length);
        JsonObject answer = JsonParser.parseString(lines[0]).getAsJsonObject();
        assertEquals(1, answer.get("id").getAsInt());
        assertEquals("crlf", answer.getAsJsonObject("result").get("text").getAsString());
    }
}
