package dev.agentserver.server.llm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A faulty chat service: answers 200 with an event stream that sends its head and then the same byte over
 * and over, never ending the line, until the client drops the connection. It gives up at a ceiling, so that
 * a client that does not stop fails its test instead of filling the heap of the whole test run.
 */
final class FloodingSseServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    /** Completes when a write fails, that is when the client has gone; fails when the ceiling was reached. */
    private final CompletableFuture<Void> abandoned = new CompletableFuture<>();

    FloodingSseServer(String head, byte filler, long ceiling) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, filler);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(headBytes);
                for (long sent = headBytes.length; sent < ceiling; sent += chunk.length) {
                    out.write(chunk);
                }
                abandoned.completeExceptionally(new AssertionError("the client read on past " + ceiling + " bytes"));
            } catch (IOException clientGone) {
                abandoned.complete(null);
            }
        });
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    int requests() {
        return requests.get();
    }

    CompletableFuture<Void> abandoned() {
        return abandoned;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
