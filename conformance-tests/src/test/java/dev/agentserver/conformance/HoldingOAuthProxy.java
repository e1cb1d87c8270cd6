package dev.agentserver.conformance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An OAuth host in front of the simulator for one server process, that stops that process at a chosen
 * point of its first refresh, so a test can kill it exactly there without any hook inside the server:
 * <ul>
 *   <li>{@link Mode#HOLD_REQUEST}: the refresh request is never forwarded (the process dies before the
 *       simulator saw it: nothing rotated);</li>
 *   <li>{@link Mode#HOLD_RESPONSE}: the request is forwarded, the simulator rotates, and the answer is held
 *       back (the process dies after the rotation, before it could write anything);</li>
 *   <li>{@link Mode#PASS_AND_SIGNAL}: the answer is passed on and {@link #held()} completes as it is, so a
 *       kill lands at a random point of the write that follows.</li>
 * </ul>
 * Everything after the first refresh passes through untouched.
 */
public final class HoldingOAuthProxy implements AutoCloseable {

    public enum Mode { HOLD_REQUEST, HOLD_RESPONSE, PASS_AND_SIGNAL }

    /** What the held refresh carried: the form sent and, once forwarded, the simulator's answer. */
    public record Held(String form, int status, String answer) {}

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private final String target;
    private final Mode mode;
    private final AtomicBoolean first = new AtomicBoolean(true);
    private final CompletableFuture<Held> held = new CompletableFuture<>();
    private final CountDownLatch release = new CountDownLatch(1);

    public HoldingOAuthProxy(String target, Mode mode) throws IOException {
        this.target = target;
        this.mode = mode;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes when the first refresh has reached the point the mode names. */
    public CompletableFuture<Held> held() {
        return held;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean refresh = exchange.getRequestURI().getPath().equals("/api/oauth/token")
                && body.contains("grant_type=refresh_token");
        if (refresh && first.compareAndSet(true, false)) {
            if (mode == Mode.HOLD_REQUEST) {
                held.complete(new Held(body, 0, null));
                awaitRelease();
                answer(exchange, 503, "{\"error\":\"temporarily_unavailable\"}");
                return;
            }
            HttpResponse<String> response = forward(exchange, body);
            if (mode == Mode.HOLD_RESPONSE) {
                held.complete(new Held(body, response.statusCode(), response.body()));
                awaitRelease();
                answer(exchange, 503, "{\"error\":\"temporarily_unavailable\"}");
            } else {
                answer(exchange, response.statusCode(), response.body());
                held.complete(new Held(body, response.statusCode(), response.body()));
            }
            return;
        }
        HttpResponse<String> response = forward(exchange, body);
        answer(exchange, response.statusCode(), response.body());
    }

    private HttpResponse<String> forward(HttpExchange exchange, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .timeout(Duration.ofSeconds(30));
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null) {
            request.header("Content-Type", type);
        }
        request.method(exchange.getRequestMethod(), body.isEmpty() && exchange.getRequestMethod().equals("GET")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the process that asked was killed
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
