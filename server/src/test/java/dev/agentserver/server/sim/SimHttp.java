package dev.agentserver.server.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** A small HTTP client for talking to the simulator in tests: forms, JSON, raw bodies. */
final class SimHttp {

    record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return JsonMapper.builder().build().readTree(body);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    SimHttp(Simulator simulator) {
        this.base = simulator.oauthBaseUrl();
    }

    Answer postForm(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer postJson(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer chat(String bearer, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    Answer get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** The token endpoint with a device code. */
    Answer pollDevice(String deviceCode) throws Exception {
        return postForm("/api/oauth/token", Map.of("client_id", "test-client",
                "grant_type", "urn:ietf:params:oauth:grant-type:device_code", "device_code", deviceCode));
    }

    Answer refresh(String refreshToken) throws Exception {
        return postForm("/api/oauth/token", Map.of("client_id", "test-client",
                "grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    JsonNode startDevice() throws Exception {
        Answer answer = postForm("/api/oauth/device_authorization", Map.of("client_id", "test-client"));
        if (answer.status() != 200) {
            throw new AssertionError("device authorization failed: " + answer);
        }
        return answer.json();
    }
}
