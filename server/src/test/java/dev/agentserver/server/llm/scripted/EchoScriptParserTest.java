package dev.agentserver.server.llm.scripted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

class EchoScriptParserTest {

    @Test
    void everyDirectiveInOrder() throws Exception {
        String script = """
                ```
                # a comment
                id: msg-1
                think: pondering
                text: hello

                usage: input_other=5 output=2
                usage: {"input_other":1,"output":1,"input_cache_read":3}
                tool_call: {"id":"c1","name":"Shell","arguments":"{\\"command\\":\\"ls\\"}"}
                tool_call: {"name":"ReadFile","arguments":null}
                tool_call_part: {"arguments_part":"{}"}
                tool_call_part:
                image_url: {"url":"http://x/i.png","id":"i1"}
                video_url: http://x/v.mp4
                error: 503 busy
                error: connection
                error: timeout slow
                ```""";
        assertEquals(List.of(
                new EchoDirective.MessageId("msg-1"),
                new EchoDirective.Think("pondering"),
                new EchoDirective.Text("hello"),
                new EchoDirective.Usage(new TokenUsage(5, 2, 0, 0)),
                new EchoDirective.Usage(new TokenUsage(1, 1, 3, 0)),
                new EchoDirective.ToolCall("c1", "Shell", "{\"command\":\"ls\"}"),
                new EchoDirective.ToolCall(null, "ReadFile", null),
                new EchoDirective.ToolCallPart("{}"),
                new EchoDirective.ToolCallPart(null),
                new EchoDirective.Media(new ContentPart.Media(ContentPart.MediaKind.IMAGE, "http://x/i.png", "i1")),
                new EchoDirective.Media(new ContentPart.Media(ContentPart.MediaKind.VIDEO, "http://x/v.mp4", null)),
                new EchoDirective.Error(EchoDirective.Error.Kind.STATUS, 503, "busy"),
                new EchoDirective.Error(EchoDirective.Error.Kind.CONNECTION, 0, null),
                new EchoDirective.Error(EchoDirective.Error.Kind.TIMEOUT, 0, "slow")),
                EchoScriptParser.parse(script));
    }

    @Test
    void aBadLineIsNamedWithItsNumber() {
        for (String[] bad : List.of(
                new String[] {"text: a\nbad line without colon", "Invalid echo DSL at line 2: 'bad line without colon'"},
                new String[] {"colour: red", "Invalid echo DSL at line 1: 'colour: red'"},
                new String[] {"tool_call: {\"id\":\"x\"}", "Invalid echo DSL at line 1: 'tool_call: {\"id\":\"x\"}'"},
                new String[] {"usage: lots", "Invalid echo DSL at line 1: 'usage: lots'"},
                new String[] {"error: 200 fine", "Invalid echo DSL at line 1: 'error: 200 fine'"},
                new String[] {"tool_call_part: [1]", "Invalid echo DSL at line 1: 'tool_call_part: [1]'"})) {
            assertEquals(bad[1], assertThrows(EchoScriptParser.InvalidScriptException.class,
                    () -> EchoScriptParser.parse(bad[0])).getMessage(), bad[0]);
        }
    }
}
