package dev.agentserver.server.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client for http:// providers: it talks plain HTTP, refuses TLS, and only http base URLs get it. */
class PlainHttpClientTest {

    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/models", exchange -> {
            byte[] body = "{\"data\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void itCallsPlainHttpEndpoints() throws Exception {
        try (HttpClient client = ProviderContext.plainHttpOnlyClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/v1/models")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertEquals("{\"data\":[]}", response.body());
        }
    }

    @Test
    void itRefusesTlsWithAMessageThatSaysWhy() {
        try (HttpClient client = ProviderContext.plainHttpOnlyClient()) {
            URI https = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/v1/models");

            IOException failure = assertThrows(IOException.class,
                    () -> client.send(HttpRequest.newBuilder(https).build(), HttpResponse.BodyHandlers.ofString()));
            assertTrue(causes(failure).contains("for http:// endpoints only"), causes(failure));
        }
    }

    @Test
    void onlyHttpBaseUrlsGetThePlainClient() {
        try (HttpClient tls = HttpClient.newHttpClient(); HttpClient plain = ProviderContext.plainHttpOnlyClient()) {
            ProviderContext context = new ProviderContext((oauthKey, apiKey) -> null, Map.of(), tls, plain, () -> "ua");

            assertSame(plain, context.httpClientFor(URI.create("http://127.0.0.1:8080/v1")));
            assertSame(plain, context.httpClientFor(URI.create("HTTP://localhost/v1")));
            assertSame(tls, context.httpClientFor(URI.create("https://api.kimi.com/coding/v1")));
        }
    }

    private static String causes(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c).append('\n');
        }
        return all.toString();
    }
}
