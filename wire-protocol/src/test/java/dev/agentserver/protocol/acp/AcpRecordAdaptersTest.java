package dev.agentserver.protocol.acp;

import com.google.gson.JsonObject;
import dev.agentserver.protocol.acp.AgentResponses.AgentCapabilities;
import dev.agentserver.protocol.acp.AgentResponses.AuthMethod;
import dev.agentserver.protocol.acp.AgentResponses.InitializeResponse;
import dev.agentserver.protocol.acp.AgentResponses.McpCapabilities;
import dev.agentserver.protocol.acp.AgentResponses.PromptCapabilities;
import dev.agentserver.protocol.acp.AgentResponses.SessionCapabilities;
import dev.agentserver.protocol.json.RecordAdaptersContract;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ACP's generated record adapters, held to Gson's reflection (see {@link RecordAdaptersContract}). */
class AcpRecordAdaptersTest extends RecordAdaptersContract {

    AcpRecordAdaptersTest() {
        super(AcpGson.CONFIG, AcpGson.REFLECTIVE, AcpRecordAdapters.records(), Set.of());
    }

    @Test
    void theInitializeAnswerKeepsItsShape() {
        JsonObject meta = new JsonObject();
        meta.addProperty("terminal-auth", true);
        InitializeResponse answer = new InitializeResponse(1,
                new AgentCapabilities(true, new PromptCapabilities(true, false, true), new McpCapabilities(false, false),
                        new SessionCapabilities(new JsonObject(), null, new JsonObject()), null),
                List.of(new AuthMethod("login", "Log in", null, "terminal", List.of("--login"), meta)),
                new Implementation("agent-server", null, "0.1.0"));

        assertWrittenAsByReflection("""
                {"protocolVersion":1,"agentCapabilities":{"loadSession":true,"promptCapabilities":{"image":true,\
                "audio":false,"embeddedContext":true},"mcpCapabilities":{"http":false,"sse":false},\
                "sessionCapabilities":{"list":{},"close":{}}},"authMethods":[{"id":"login","name":"Log in",\
                "type":"terminal","args":["--login"],"_meta":{"terminal-auth":true}}],\
                "agentInfo":{"name":"agent-server","version":"0.1.0"}}""", answer);
    }
}
