package dev.agentserver.conformance.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentserver.conformance.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code agent-server sim} as a child process, and its admin endpoints. */
final class LoopbackSimulator implements AutoCloseable {

    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    final String oauthHost;
    final String chatBaseUrl;
    final String adminUrl;

    LoopbackSimulator(String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.launcher().toString(), "sim"));
        command.addAll(List.of(extraArgs));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        JsonNode urls = ServerProcess.JSON.readTree(out.readLine());
        oauthHost = urls.path("oauth_host").asText();
        chatBaseUrl = urls.path("chat_base_url").asText();
        adminUrl = urls.path("admin_url").asText();
    }

    JsonNode post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(adminUrl + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        return ServerProcess.JSON.readTree(response.body());
    }

    JsonNode stats() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(adminUrl + "/stats")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return ServerProcess.JSON.readTree(response.body());
    }

    /** Mints a token pair and writes it as {@code credentials/kimi-code.json}, as a login would. */
    void writeCredentials(Path shareDir) throws IOException, InterruptedException {
        JsonNode tokens = post("/issue-tokens", "{}");
        Path dir = Files.createDirectories(shareDir.resolve("credentials"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        var credentials = ServerProcess.JSON.createObjectNode()
                .put("access_token", tokens.path("access_token").asText())
                .put("refresh_token", tokens.path("refresh_token").asText())
                .put("expires_at", Instant.now().getEpochSecond() + tokens.path("expires_in").asLong())
                .put("scope", tokens.path("scope").asText())
                .put("token_type", "Bearer")
                .put("expires_in", tokens.path("expires_in").asLong());
        Files.writeString(dir.resolve("kimi-code.json"), credentials.toString());
    }

    @Override
    public void close() {
        process.destroy();
    }
}
