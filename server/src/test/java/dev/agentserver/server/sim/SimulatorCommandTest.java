package dev.agentserver.server.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SimulatorCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws IOException {
        return SimulatorCommand.run(args, new PipedInputStream(new PipedOutputStream()), print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    @Test
    void printsItsAddressesServesAndStopsWhenStdinCloses() throws Exception {
        PipedOutputStream stdinWriter = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(stdinWriter);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
                SimulatorCommand.run(new String[] {"--api-key", "sk-cli", "--auto-approve-after", "0"}, stdin, print(out), print(err)));

        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString(StandardCharsets.UTF_8).endsWith("\n"));
        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, line.lines().count(), "exactly one line on stdout");
        JsonNode addresses = JsonMapper.builder().build().readTree(line);
        int port = addresses.path("port").asInt();
        assertEquals("http://127.0.0.1:" + port, addresses.path("oauth_host").asText());
        assertEquals("http://127.0.0.1:" + port + "/v1", addresses.path("chat_base_url").asText());
        assertEquals("http://127.0.0.1:" + port + "/_sim", addresses.path("admin_url").asText());

        HttpResponse<String> chat = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(addresses.path("chat_base_url").asText() + "/chat/completions"))
                .header("Authorization", "Bearer sk-cli")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, chat.statusCode());

        stdinWriter.close();
        assertEquals(0, exit.get());
    }

    @Test
    void helpAndBadOptions() throws IOException {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: agent-server sim"));

        assertEquals(2, run("--port", "eighty"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("agent-server sim: --port needs a whole number, not 'eighty'"));
        assertEquals(2, run("--poll-interval", "0"));
        assertEquals(2, run("--bogus"));
        assertEquals(2, run("--scripts"));
    }

    @Test
    void aMissingScriptFileIsAStartError() throws IOException {
        assertEquals(1, run("--scripts", "/nonexistent/scripts.json"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot start"));
    }
}
