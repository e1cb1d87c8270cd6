package dev.agentserver.server.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.json.SharedMapper;
import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.ToolCallData;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestEncoderTest {

    private static final ObjectNode SCHEMA = SharedMapper.MAPPER.createObjectNode().put("type", "object");

    private static JsonNode encode(RequestDialect dialect, ChatRequest request) throws Exception {
        return SharedMapper.MAPPER.readTree(new ChatRequestEncoder("kimi-for-coding", dialect).encode(request));
    }

    private static final ChatRequest CONVERSATION = new ChatRequest(List.of(
            ChatMessage.system("be brief"),
            ChatMessage.user(List.of(new ContentPart.Text("look at "), new ContentPart.Text("this"))),
            ChatMessage.assistant(List.of(new ContentPart.Think("hmm", null), new ContentPart.Think(" ok", null)),
                    List.of(new ToolCallData("c1", "Shell", "{\"command\":\"ls\"}"), new ToolCallData("c2", "Glob", null))),
            ChatMessage.toolResult("c1", "a.txt"),
            ChatMessage.user(List.of(new ContentPart.Text("and"),
                    new ContentPart.Media(ContentPart.MediaKind.IMAGE, "data:image/png;base64,AA", null)))),
            List.of(new ToolSpec("Shell", "Run a command", SCHEMA)), true);

    @Test
    void writesTheConversationInOpenAiShape() throws Exception {
        JsonNode body = encode(RequestDialect.openAi(), CONVERSATION);

        assertEquals("kimi-for-coding", body.path("model").asText());
        assertEquals(true, body.path("stream").asBoolean());
        assertEquals(true, body.path("stream_options").path("include_usage").asBoolean());
        JsonNode messages = body.path("messages");
        assertEquals(SharedMapper.MAPPER.readTree("{\"role\":\"system\",\"content\":\"be brief\"}"), messages.get(0));
        assertEquals(SharedMapper.MAPPER.readTree("{\"role\":\"user\",\"content\":\"look at this\"}"), messages.get(1));
        assertEquals(SharedMapper.MAPPER.readTree("""
                {"role":"assistant","reasoning_content":"hmm ok","tool_calls":[
                  {"id":"c1","type":"function","function":{"name":"Shell","arguments":"{\\"command\\":\\"ls\\"}"}},
                  {"id":"c2","type":"function","function":{"name":"Glob","arguments":"{}"}}]}"""), messages.get(2));
        assertEquals(SharedMapper.MAPPER.readTree("{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"a.txt\"}"), messages.get(3));
        assertEquals(SharedMapper.MAPPER.readTree("""
                {"role":"user","content":[{"type":"text","text":"and"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,AA"}}]}"""), messages.get(4));
        assertEquals(SharedMapper.MAPPER.readTree("""
                [{"type":"function","function":{"name":"Shell","description":"Run a command","parameters":{"type":"object"}}}]"""),
                body.path("tools"));
    }

    @Test
    void openAiDialectAsksForReasoningOnlyWhenThinking() throws Exception {
        assertEquals("high", encode(RequestDialect.openAi(), CONVERSATION).path("reasoning_effort").asText());
        JsonNode quiet = encode(RequestDialect.openAi(), new ChatRequest(CONVERSATION.messages(), List.of(), false));
        assertFalse(quiet.has("reasoning_effort"));
        assertFalse(quiet.has("thinking"));
        assertFalse(quiet.has("max_tokens"));
        assertFalse(quiet.has("tools"), "no tools, no tools key");
    }

    @Test
    void kimiDialectSwitchesThinkingAndSendsGenerationSettings() throws Exception {
        RequestDialect kimi = new RequestDialect(true, 32_000, 0.6, null);
        JsonNode thinking = encode(kimi, CONVERSATION);
        assertEquals("enabled", thinking.path("thinking").path("type").asText());
        assertEquals(32_000, thinking.path("max_tokens").asInt());
        assertEquals(0.6, thinking.path("temperature").asDouble());
        assertFalse(thinking.has("top_p"));

        JsonNode off = encode(kimi, new ChatRequest(CONVERSATION.messages(), List.of(), false));
        assertEquals("disabled", off.path("thinking").path("type").asText());
        assertFalse(off.has("reasoning_effort"));
    }

    @Test
    void anAssistantMessageWithoutToolCallsAlwaysHasContent() throws Exception {
        JsonNode body = encode(RequestDialect.openAi(), new ChatRequest(
                List.of(ChatMessage.assistant(List.of(), List.of())), List.of(), false));

        assertEquals("", body.path("messages").get(0).path("content").asText("missing"));
    }
}
