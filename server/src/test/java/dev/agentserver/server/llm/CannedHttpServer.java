package dev.agentserver.server.llm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Answers every request with one fixed status and raw body, byte for byte, for the stream shapes the
 * simulator does not produce (multi-line data, comments, CRLF, odd endings).
 */
final class CannedHttpServer implements AutoCloseable {

    private final HttpServer server;

    private CannedHttpServer(HttpServer server) {
        this.server = server;
    }

    static CannedHttpServer start(int status, String contentType, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return new CannedHttpServer(server);
    }

    static CannedHttpServer sse(String body) throws IOException {
        return start(200, "text/event-stream", body);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
