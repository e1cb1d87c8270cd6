package dev.agentserver.server.acp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator the other tests rely on does catch what the protocol forbids. */
class AcpSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> problems(String message, String requestMethod) throws Exception {
        JsonNode node = JSON.readTree(message);
        return AcpSchema.V1.problems(node, requestMethod);
    }

    @Test
    void aValidToolCallPasses() throws Exception {
        assertEquals(List.of(), problems("""
                {"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"s","update":{"sessionUpdate":"tool_call",\
                "toolCallId":"t1","title":"Read","kind":"read","status":"pending","locations":[{"path":"/a"}]}}}""", null));
    }

    @Test
    void aNullStatusInToolCallIsCaught() throws Exception {
        assertFalse(problems("""
                {"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"s","update":{"sessionUpdate":"tool_call",\
                "toolCallId":"t1","title":"Read","status":null}}}""", null).isEmpty());
    }

    @Test
    void anUnknownUpdateKindIsCaught() throws Exception {
        assertFalse(problems("""
                {"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"s","update":{"sessionUpdate":"mood"}}}""",
                null).isEmpty());
    }

    @Test
    void aResultIsCheckedAgainstItsMethod() throws Exception {
        String result = """
                {"jsonrpc":"2.0","id":3,"result":{"stopReason":"done"}}""";
        assertFalse(problems(result, "session/prompt").isEmpty());
        assertEquals(List.of(), problems(result.replace("done", "end_turn"), "session/prompt"));
    }

    @Test
    void anErrorNeedsCodeAndMessage() throws Exception {
        assertFalse(problems("""
                {"jsonrpc":"2.0","id":3,"error":{"message":"no code"}}""", "session/prompt").isEmpty());
    }
}
