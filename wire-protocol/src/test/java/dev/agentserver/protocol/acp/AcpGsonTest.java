package dev.agentserver.protocol.acp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.agentserver.protocol.acp.ClientResponses.PermissionOutcome;
import dev.agentserver.protocol.acp.ClientResponses.RequestPermissionResponse;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.junit.jupiter.api.Test;

/** ACP's JSON as the engine writes and reads it, with lsp4j's own adapters in place. */
class AcpGsonTest {

    private final Gson gson = new MessageJsonHandler(Map.of(), AcpGson.CONFIG).getGson();

    private void assertJson(String expected, Object value) {
        assertEquals(JsonParser.parseString(expected), JsonParser.parseString(gson.toJson(value)));
    }

    @Test
    void aToolCallHasItsTagEnumNamesAndNoNulls() {
        SessionUpdate call = new SessionUpdate.ToolCall("t1", "Read a.txt", ToolKind.READ, ToolCallStatus.PENDING,
                null, List.of(new SessionUpdate.ToolCallLocation("/p/a.txt", null)), null, null);

        String json = gson.toJson(new ClientRequests.SessionNotification("s1", call));

        assertEquals("""
                {"sessionId":"s1","update":{"sessionUpdate":"tool_call","toolCallId":"t1","title":"Read a.txt",\
                "kind":"read","status":"pending","locations":[{"path":"/p/a.txt"}]}}""", json);
    }

    @Test
    void unionsInListsKeepTheirTags() {
        SessionUpdate update = SessionUpdate.ToolCallUpdate.content("t1", List.of(
                new ToolCallContent.Diff("/p/a.txt", null, "new"),
                ToolCallContent.text("done"),
                new ToolCallContent.Terminal("term-1")));

        assertJson("""
                {"sessionUpdate":"tool_call_update","toolCallId":"t1","content":[
                  {"type":"diff","path":"/p/a.txt","newText":"new"},
                  {"type":"content","content":{"type":"text","text":"done"}},
                  {"type":"terminal","terminalId":"term-1"}]}""", new Holder(update).update);
    }

    /** A field typed by the union, as in every message that carries one. */
    private record Holder(SessionUpdate update) {}

    @Test
    void configOptionsAreTaggedByType() {
        List<SessionConfigOption> options = List.of(
                new SessionConfigOption.Select("mode", "Mode", null, "mode", "default",
                        List.of(new SessionConfigOption.SelectOption("default", "Default", null))));

        assertJson("""
                {"configOptions":[
                  {"type":"select","id":"mode","name":"Mode","category":"mode","currentValue":"default",
                   "options":[{"value":"default","name":"Default"}]}]}""",
                new AgentResponses.SetSessionConfigOptionResponse(options));
    }

    @Test
    void promptBlocksAreReadByTypeAndAnUnknownTypeIsRefused() {
        AgentRequests.PromptRequest prompt = gson.fromJson("""
                {"sessionId":"s","prompt":[{"type":"text","text":"hi"},
                 {"type":"resource","resource":{"uri":"file:///a","text":"alpha"}}]}""", AgentRequests.PromptRequest.class);
        prompt.validate();
        assertEquals(ContentBlock.text("hi"), prompt.prompt().get(0));
        assertEquals("alpha", ((ContentBlock.Resource) prompt.prompt().get(1)).resource().text());

        assertThrows(JsonParseException.class, () -> gson.fromJson("""
                {"sessionId":"s","prompt":[{"type":"video","data":"x"}]}""", AgentRequests.PromptRequest.class));
    }

    @Test
    void aBlockWithoutItsRequiredFieldFailsValidation() {
        AgentRequests.PromptRequest prompt = gson.fromJson("""
                {"sessionId":"s","prompt":[{"type":"image","data":"AAAA"}]}""", AgentRequests.PromptRequest.class);

        assertThrows(IllegalArgumentException.class, prompt::validate);
    }

    @Test
    void permissionOutcomesAreReadByTheirTag() {
        RequestPermissionResponse selected = gson.fromJson(
                "{\"outcome\":{\"outcome\":\"selected\",\"optionId\":\"allow_once\"}}", RequestPermissionResponse.class);
        RequestPermissionResponse cancelled = gson.fromJson(
                "{\"outcome\":{\"outcome\":\"cancelled\"}}", RequestPermissionResponse.class);

        assertEquals(new PermissionOutcome.Selected("allow_once"), selected.outcome());
        assertInstanceOf(PermissionOutcome.Cancelled.class, cancelled.outcome());
    }

    @Test
    void anEnumValueFromANewerPeerReadsAsNull() {
        assertNull(gson.fromJson("\"teleport\"", ToolKind.class));
        assertEquals(ToolKind.SWITCH_MODE, gson.fromJson("\"switch_mode\"", ToolKind.class));
    }

    @Test
    void unknownKindNamesFallBackToOther() {
        assertEquals(ToolKind.EDIT, ToolKind.named("edit"));
        assertEquals(ToolKind.OTHER, ToolKind.named("paint"));
        assertEquals(ToolKind.OTHER, ToolKind.named(null));
    }

    @Test
    void theTerminalAuthFlagIsReadFromMeta() {
        AgentRequests.InitializeRequest init = gson.fromJson("""
                {"protocolVersion":1,"clientCapabilities":{"auth":{"terminal":true},"_meta":{"terminal-auth":true},
                 "fs":{"readTextFile":true}}}""",
                AgentRequests.InitializeRequest.class);

        AgentRequests.ClientCapabilities capabilities = init.capabilities();
        assertEquals(List.of(true, true, true, false, false), List.of(capabilities.runsTerminalAuth(),
                capabilities.wantsTerminalAuthCommand(), capabilities.readsTextFiles(), capabilities.writesTextFiles(),
                capabilities.runsTerminals()));
    }
}
