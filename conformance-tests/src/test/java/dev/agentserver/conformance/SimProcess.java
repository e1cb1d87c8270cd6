package dev.agentserver.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The loopback simulator ({@code bin/agent-server sim}) as a child process, and a client for its admin
 * endpoints ({@code /_sim/...}, see docs/simulator.md). It runs until its stdin closes.
 */
public final class SimProcess implements AutoCloseable {

    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final StringBuffer stderr;
    public final String oauthHost;
    public final String chatBaseUrl;
    public final String adminUrl;

    private SimProcess(Process process, JsonNode addresses, StringBuffer stderr) {
        this.process = process;
        this.stderr = stderr;
        this.oauthHost = addresses.path("oauth_host").asText();
        this.chatBaseUrl = addresses.path("chat_base_url").asText();
        this.adminUrl = addresses.path("admin_url").asText();
    }

    /** Starts the simulator with {@code options} (e.g. {@code --api-key K}) and waits for its addresses. */
    public static SimProcess start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.launcher().toString(), "sim"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        StringBuffer err = new StringBuffer();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (err.length() < 100_000) {
                        err.append(line).append('\n');
                    }
                }
            } catch (IOException ended) {
                // the simulator ended
            }
        });
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = first.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the simulator did not print its addresses: " + err, e);
        }
        if (line == null) {
            throw new IOException("the simulator ended before printing its addresses: " + err);
        }
        return new SimProcess(process, ServerProcess.JSON.readTree(line), err);
    }

    // ---- admin ---------------------------------------------------------------------------------------

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(adminUrl + path)).GET());
    }

    public JsonNode post(String path, String jsonBody) {
        return send(HttpRequest.newBuilder(URI.create(adminUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody == null ? "" : jsonBody)));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("simulator admin " + response.statusCode() + ": " + response.body());
            }
            return ServerProcess.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("simulator admin request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ends every access token issued so far (the next chat request with one gets 401). */
    public int expireAccessTokens() {
        return post("/expire-access-tokens", null).path("expired").asInt();
    }

    /** Revokes every refresh token not yet used. */
    public int revokeRefreshTokens() {
        return post("/revoke-refresh-tokens", null).path("revoked").asInt();
    }

    /** A fresh token pair, as a login elsewhere would get. */
    public JsonNode issueTokens() {
        return post("/issue-tokens", null);
    }

    public void failNextTokenRequests(int count, int status) {
        post("/token-faults", "{\"count\":" + count + ",\"status\":" + status + "}");
    }

    public void failNextChatRequests(int count, int status) {
        post("/chat-faults", "{\"count\":" + count + ",\"status\":" + status + "}");
    }

    public void breakNextStreams(int count, int afterEvents) {
        post("/break-streams", "{\"count\":" + count + ",\"after_events\":" + afterEvents + "}");
    }

    public void chunkDelayMillis(int millis) {
        post("/chunk-delay", "{\"millis\":" + millis + "}");
    }

    public void enqueueScripts(List<String> scripts) {
        post("/scripts", ServerProcess.JSON.valueToTree(scripts).toString());
    }

    public void resetFaults() {
        post("/reset-faults", null);
    }

    public Stats stats() {
        return new Stats(get("/stats"));
    }

    /** The chat requests the simulator recorded (up to the last 100), oldest first. */
    public JsonNode chatRequests() {
        return get("/chat-requests").path("requests");
    }

    /** A snapshot of {@code GET /_sim/stats}. */
    public record Stats(JsonNode json) {
        public int refreshRequests() {
            return json.path("tokens").path("refresh_requests").asInt();
        }

        public int refreshSucceeded() {
            return json.path("tokens").path("refresh_succeeded").asInt();
        }

        public int refreshRejected() {
            return json.path("tokens").path("refresh_rejected").asInt();
        }

        public int rotatedTokenReuses() {
            return json.path("tokens").path("rotated_token_reuses").asInt();
        }

        public int requestsFor(String refreshToken) {
            return json.path("tokens").path("refresh_requests_by_token").path(refreshToken).asInt(0);
        }

        public ObjectNode byToken() {
            return (ObjectNode) json.path("tokens").path("refresh_requests_by_token");
        }

        public int chatRequests() {
            return json.path("chat").path("requests").asInt();
        }

        public int chatUnauthorized() {
            return json.path("chat").path("unauthorized").asInt();
        }

        public int tokenEndpointFaults() {
            return json.path("token_endpoint_faults").asInt();
        }

        @Override
        public String toString() {
            return json.toString();
        }
    }

    public String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
