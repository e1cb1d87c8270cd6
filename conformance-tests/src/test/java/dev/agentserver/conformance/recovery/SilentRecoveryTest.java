package dev.agentserver.conformance.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentserver.conformance.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server on OAuth credentials against the simulator: an expired access token is recovered without
 * the client seeing anything; a revoked refresh token ends in -32004 and leaves the credential file in
 * place; with a static api key configured, prompts keep working through the revocation.
 */
class SilentRecoveryTest {

    @TempDir
    Path temp;

    private Path shareDir;

    private ServerProcess startServer(LoopbackSimulator sim, String apiKey) throws Exception {
        shareDir = Files.createDirectories(temp.resolve("share"));
        Files.writeString(shareDir.resolve("config.toml"), """
                default_model = "kimi-for-coding"

                [providers."managed:kimi-code"]
                type = "kimi"
                base_url = "%s"
                api_key = "%s"
                oauth = { storage = "file", key = "oauth/kimi-code" }

                [models.kimi-for-coding]
                provider = "managed:kimi-code"
                model = "kimi-for-coding"
                max_context_size = 262144
                """.formatted(sim.chatBaseUrl, apiKey));
        sim.writeCredentials(shareDir);
        Path work = Files.createDirectories(temp.resolve("work"));
        return ServerProcess.start(List.of("--wire", "--yolo", "--work-dir", work.toString()),
                Map.of("KIMI_SHARE_DIR", shareDir.toString(), "KIMI_CODE_OAUTH_HOST", sim.oauthHost,
                        "HOME", temp.toString()), work);
    }

    private static JsonNode prompt(ServerProcess server, String id, String text) throws Exception {
        server.request(id, "prompt", ServerProcess.JSON.createObjectNode().put("user_input", text));
        List<JsonNode> turn = server.untilAnswer(id);
        return turn.getLast();
    }

    @Test
    void anExpiredAccessTokenIsRecoveredWithoutTheClientSeeingIt() throws Exception {
        try (LoopbackSimulator sim = new LoopbackSimulator(); ServerProcess server = startServer(sim, "")) {
            assertEquals("finished", prompt(server, "p1", "hello").path("result").path("status").asText());
            sim.post("/expire-access-tokens", "{}");
            JsonNode answer = prompt(server, "p2", "again");
            assertEquals("finished", answer.path("result").path("status").asText(), answer.toString());
            JsonNode stats = sim.stats();
            assertEquals(1, stats.path("chat").path("unauthorized").asInt(), stats.toString());
            assertEquals(1, stats.path("tokens").path("refresh_succeeded").asInt(), stats.toString());
            assertEquals(0, stats.path("tokens").path("rotated_token_reuses").asInt(), stats.toString());
            JsonNode file = ServerProcess.JSON.readTree(shareDir.resolve("credentials/kimi-code.json").toFile());
            assertFalse(file.path("refresh_token").asText().isEmpty(), "the rotated pair was saved");
        }
    }

    @Test
    void aRevokedRefreshTokenEndsInAuthExpiredAndKeepsTheFile() throws Exception {
        try (LoopbackSimulator sim = new LoopbackSimulator(); ServerProcess server = startServer(sim, "")) {
            assertEquals("finished", prompt(server, "p1", "hello").path("result").path("status").asText());
            sim.post("/revoke-refresh-tokens", "{}");
            sim.post("/expire-access-tokens", "{}");
            JsonNode answer = prompt(server, "p2", "again");
            assertEquals(-32004, answer.path("error").path("code").asInt(), answer.toString());
            assertTrue(answer.path("error").path("message").asText().contains("log"), answer.toString());
            Path file = shareDir.resolve("credentials/kimi-code.json");
            assertTrue(Files.exists(file), "a rejection never deletes the credential file");
            ServerProcess.JSON.readTree(file.toFile());
            // The rejected refresh token is tombstoned: a second prompt does not send it again.
            int rejectedBefore = sim.stats().path("tokens").path("refresh_rejected").asInt();
            assertEquals(-32004, prompt(server, "p3", "once more").path("error").path("code").asInt());
            assertEquals(rejectedBefore, sim.stats().path("tokens").path("refresh_rejected").asInt());
        }
    }

    @Test
    void aStaticApiKeyKeepsPromptsWorkingThroughARevocation() throws Exception {
        try (LoopbackSimulator sim = new LoopbackSimulator("--api-key", "sk-static");
                ServerProcess server = startServer(sim, "sk-static")) {
            assertEquals("finished", prompt(server, "p1", "hello").path("result").path("status").asText());
            sim.post("/revoke-refresh-tokens", "{}");
            sim.post("/expire-access-tokens", "{}");
            for (String id : List.of("p2", "p3")) {
                JsonNode answer = prompt(server, id, "still there?");
                assertEquals("finished", answer.path("result").path("status").asText(), answer.toString());
            }
        }
    }
}
