package dev.agentserver.conformance.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentserver.conformance.NodeClients;
import dev.agentserver.conformance.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official npm wire client starts our launcher as its executable and runs a prompt with an approval. */
class RealWireClientTest {

    @TempDir
    Path temp;

    @Test
    void kimiAgentSdkRunsAPromptWithAnApproval() throws Exception {
        NodeClients.assumeInstalled();
        Path share = Files.createDirectories(temp.resolve("share"));
        Path work = Files.createDirectories(temp.resolve("work"));
        Path scripts = temp.resolve("scripts.json");
        String call = "tool_call: {\"id\":\"c1\",\"name\":\"Shell\",\"arguments\":\"{\\\"command\\\":\\\"echo sdk > sdk.txt\\\"}\"}";
        Files.writeString(scripts, ServerProcess.JSON.writeValueAsString(List.of(call, "text: all done")));
        Files.writeString(share.resolve("config.toml"), """
                default_model = "scripted"

                [models.scripted]
                provider = "p"
                model = "scripted_echo"
                max_context_size = 100000

                [providers.p]
                type = "_scripted_echo"
                base_url = ""
                api_key = ""

                [providers.p.env]
                KIMI_SCRIPTED_ECHO_SCRIPTS = "%s"
                """.formatted(scripts));
        NodeClients.Run run = NodeClients.run("wire-sdk-approval.mjs",
                List.of(ServerProcess.launcher().toString(), work.toString(), share.toString()), 120);
        assertEquals(0, run.exitCode(), run.stderr());
        String[] lines = run.stdout().strip().split("\n");
        JsonNode report = ServerProcess.JSON.readTree(lines[lines.length - 1]);
        assertEquals("finished", report.path("result").path("status").asText(), report.toString());
        assertEquals(1, report.path("approvals").asInt());
        assertTrue(report.path("seen").toString().contains("ToolResult"), report.toString());
        assertEquals("sdk", Files.readString(work.resolve("sdk.txt")).strip());
    }
}
