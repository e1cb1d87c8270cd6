package dev.agentserver.server.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentserver.server.llm.ProviderContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The training run of a protocol's session archive (bin/aot-train, through bin/agent-server so that the JVM
 * flags are the launcher's): in one JVM, on top of the AOT cache of that protocol's first answer, a
 * scripted session through the real {@link Main#run} — initialize, a session, two streamed prompts from a
 * chat model on loopback, and the TLS context an https provider needs — so that the archive holds the
 * classes of the path an editor's first minute takes. The JVM maps that archive at start and loads its
 * classes on first use.
 *
 * <p>Exits non-zero when the session failed, so that bin/aot-train keeps no archive of it; one that hangs
 * is halted.
 */
final class AotTraining {

    private static final int DELTAS = 200;
    private static final long TIMEOUT_MS = 120_000;

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !List.of("wire", "acp").contains(args[0])) {
            System.err.println("usage: AotTraining wire|acp");
            System.exit(2);
        }
        String protocol = args[0];
        ProcessLogging.install(); // as Main.main
        Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(TIMEOUT_MS * 2);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("aot-training: timed out");
            Runtime.getRuntime().halt(3); // halt, not exit: a cache of a half-run session is not wanted
        });
        HttpServer model = chatModel();
        Path share = Files.createTempDirectory("agent-server-aot-");
        Path work = Files.createDirectories(share.resolve("work"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("KIMI_") || k.startsWith("OPENAI_"));
        env.put("KIMI_SHARE_DIR", share.toString());
        env.put("KIMI_BASE_URL", "http://127.0.0.1:" + model.getAddress().getPort() + "/v1");
        env.put("KIMI_API_KEY", "aot-training");
        env.put("KIMI_MODEL_NAME", "aot-training");
        boolean trained;
        try {
            List<String> serverArgs = protocol.equals("wire")
                    ? List.of("--wire", "--work-dir", work.toString())
                    : List.of("acp");
            trained = train(protocol, env, work, serverArgs);
            // The training's model is plain http, whose client has no TLS; the usual provider is https, whose
            // client makes the JDK's default TLS context (CA certificates, trust manager) first.
            ProviderContext.defaultHttpClient().close();
        } finally {
            model.stop(0);
            deleteTree(share);
        }
        System.exit(trained ? 0 : 1);
    }

    /** An OpenAI-style streaming chat endpoint, as the Kimi provider reads it. */
    private static HttpServer chatModel() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", AotTraining::stream);
        server.start();
        return server;
    }

    private static void stream(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < DELTAS; i++) {
                out.write(chunk("{\"content\":\"token " + i + " \"}", "null").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write(chunk("{}", "\"stop\"").getBytes(StandardCharsets.UTF_8));
            out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"m\",\"choices\":[],"
                    + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":200,\"total_tokens\":210}}\n\n"
                    + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String chunk(String delta, String finish) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"m\",\"choices\":"
                + "[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}\n\n";
    }

    /** The server on in-process pipes; false (and a line on stderr) when the session could not be trained. */
    private static boolean train(String protocol, Map<String, String> env, Path work, List<String> args) {
        try {
            Pipe toServer = Pipe.open();
            Pipe fromServer = Pipe.open();
            PrintStream serverOut = new PrintStream(Channels.newOutputStream(fromServer.sink()), true, StandardCharsets.UTF_8);
            System.setIn(Channels.newInputStream(toServer.source()));
            Thread server = Thread.ofPlatform().name("aot-" + protocol).start(() -> {
                int code = Main.run(args.toArray(String[]::new), env, serverOut);
                if (code != 0) {
                    System.err.println("aot-training: " + protocol + " exited " + code);
                }
                serverOut.close(); // end of the client's input, whatever happened
            });
            Client client = new Client(Channels.newOutputStream(toServer.sink()),
                    new BufferedReader(new InputStreamReader(Channels.newInputStream(fromServer.source()), StandardCharsets.UTF_8)));
            if (protocol.equals("wire")) {
                client.call("initialize", "{\"protocol_version\":\"1.10\",\"client\":{\"name\":\"aot-training\",\"version\":\"1\"}}");
                client.call("prompt", "{\"user_input\":\"hello\"}");
                client.call("prompt", "{\"user_input\":[{\"type\":\"text\",\"text\":\"again\"}]}");
            } else {
                client.call("initialize", "{\"protocolVersion\":1,\"clientCapabilities\":{\"fs\":{\"readTextFile\":false,"
                        + "\"writeTextFile\":false},\"terminal\":false},\"clientInfo\":{\"name\":\"aot-training\",\"version\":\"1\"}}");
                String created = client.call("session/new", "{\"cwd\":" + quote(work.toString()) + ",\"mcpServers\":[]}");
                Matcher id = Pattern.compile("\"sessionId\":\"([^\"]+)\"").matcher(created);
                if (!id.find()) {
                    throw new IOException("session/new answered " + created);
                }
                String prompt = "{\"sessionId\":\"" + id.group(1) + "\",\"prompt\":[{\"type\":\"text\",\"text\":\"%s\"}]}";
                client.call("session/prompt", prompt.formatted("hello"));
                client.call("session/prompt", prompt.formatted("again"));
            }
            client.out.close();
            server.join(TIMEOUT_MS);
            System.err.println("aot-training: " + protocol + " trained");
            return true;
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("aot-training: " + protocol + " not trained: " + e);
            return false;
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The client end: requests with string ids, answered lines returned, notifications skipped. */
    private static final class Client {
        final OutputStream out;
        final BufferedReader in;
        int next;

        Client(OutputStream out, BufferedReader in) {
            this.out = out;
            this.in = in;
        }

        String call(String method, String params) throws IOException {
            String id = "\"id\":\"t" + next++ + "\"";
            out.write(("{\"jsonrpc\":\"2.0\"," + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.contains(id) && !line.contains("\"method\"")) {
                    if (line.contains("\"error\"")) {
                        throw new IOException(method + " failed: " + line);
                    }
                    return line;
                }
            }
            throw new IOException("the server ended before answering " + method);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
