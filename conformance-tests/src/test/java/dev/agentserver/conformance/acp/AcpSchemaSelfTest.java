package dev.agentserver.conformance.acp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.agentserver.conformance.ServerProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's schema check can fail: known-bad agent messages are caught, known-good ones pass. */
class AcpSchemaSelfTest {

    private static List<String> problems(String message, String method) throws Exception {
        return AcpSchema.V1.problems(ServerProcess.JSON.readTree(message), method);
    }

    @Test
    void goodMessagesPass() throws Exception {
        assertEquals(List.of(), problems("{\"jsonrpc\":\"2.0\",\"method\":\"session/update\",\"params\":{\"sessionId\":\"s\","
                + "\"update\":{\"sessionUpdate\":\"agent_message_chunk\",\"content\":{\"type\":\"text\",\"text\":\"hi\"}}}}", null));
        assertEquals(List.of(), problems("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"stopReason\":\"end_turn\"}}", "session/prompt"));
        assertEquals(List.of(), problems("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}", null));
    }

    @Test
    void badMessagesAreCaught() throws Exception {
        assertFalse(problems("{\"jsonrpc\":\"2.0\",\"method\":\"session/update\",\"params\":{\"sessionId\":\"s\","
                + "\"update\":{\"sessionUpdate\":\"tool_call\",\"toolCallId\":\"t\"}}}", null).isEmpty(), "tool_call needs a title");
        assertFalse(problems("{\"jsonrpc\":\"2.0\",\"method\":\"session/update\",\"params\":{\"sessionId\":\"s\","
                + "\"update\":{\"sessionUpdate\":\"agent_message_chunk\"}}}", null).isEmpty(), "a chunk needs content");
        assertFalse(problems("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"stopReason\":\"done\"}}", "session/prompt").isEmpty());
        assertFalse(problems("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}", "session/new").isEmpty(), "sessionId is required");
        assertFalse(problems("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":1,\"authMethods\":null}}",
                "initialize").isEmpty(), "authMethods may not be null");
        assertFalse(problems("{\"jsonrpc\":\"2.0\",\"method\":\"session/notify\",\"params\":{}}", null).isEmpty());
        assertFalse(problems("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":\"x\",\"message\":\"m\"}}", null).isEmpty());
    }
}
