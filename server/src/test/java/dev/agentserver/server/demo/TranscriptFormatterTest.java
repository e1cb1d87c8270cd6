package dev.agentserver.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TranscriptFormatterTest {

    private final List<String> lines = new ArrayList<>();
    private final TranscriptFormatter formatter = new TranscriptFormatter(lines::add);

    private void feed(String... messages) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        for (String message : messages) {
            formatter.accept(json.readTree(message));
        }
    }

    private static String event(String type, String payload) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"event\",\"params\":{\"type\":\"" + type + "\",\"payload\":" + payload + "}}";
    }

    @Test
    void aTurnWithAToolCallAndAnApprovalReadsLikeAConversation() throws Exception {
        feed("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"result\":{\"protocol_version\":\"1.10\",\"server\":{\"name\":\"Kimi Code CLI\",\"version\":\"0.1.0\"},\"slash_commands\":[]}}",
                event("TurnBegin", "{\"user_input\":\"run it\"}"),
                event("StepBegin", "{\"n\":1}"),
                event("ContentPart", "{\"type\":\"think\",\"think\":\"The user \",\"encrypted\":null}"),
                event("ContentPart", "{\"type\":\"think\",\"think\":\"wants a run.\",\"encrypted\":null}"),
                event("ContentPart", "{\"type\":\"text\",\"text\":\"Sure, \"}"),
                event("ContentPart", "{\"type\":\"text\",\"text\":\"running.\"}"),
                event("ToolCall", "{\"type\":\"function\",\"id\":\"c1\",\"function\":{\"name\":\"Shell\",\"arguments\":null},\"extras\":null}"),
                event("ToolCallPart", "{\"arguments_part\":\"{\\\"command\\\":\"}"),
                event("ToolCallPart", "{\"arguments_part\":\"\\\"echo hi\\\"}\"}"),
                event("StatusUpdate", "{\"context_usage\":0.01,\"token_usage\":{\"input_other\":812,\"output\":41,\"input_cache_read\":0,\"input_cache_creation\":0},\"message_id\":\"m\",\"plan_mode\":false}"),
                "{\"jsonrpc\":\"2.0\",\"method\":\"request\",\"id\":\"a1\",\"params\":{\"type\":\"ApprovalRequest\",\"payload\":{\"id\":\"a1\",\"tool_call_id\":\"c1\",\"sender\":\"Shell\",\"action\":\"run command\",\"description\":\"Run command `echo hi`\",\"display\":[]}}}",
                event("ApprovalResponse", "{\"request_id\":\"a1\",\"response\":\"approve\",\"feedback\":\"\"}"),
                event("ToolResult", "{\"tool_call_id\":\"c1\",\"return_value\":{\"is_error\":false,\"output\":\"hi\\n\",\"message\":\"\",\"display\":[],\"extras\":null}}"),
                event("StepRetry", "{\"n\":2,\"next_attempt\":2,\"max_attempts\":3,\"wait_s\":0.5,\"error_type\":\"APIStatusError\",\"status_code\":429}"),
                event("ContentPart", "{\"type\":\"text\",\"text\":\"It printed hi.\\nDone.\"}"),
                event("TurnEnd", "{}"),
                "{\"jsonrpc\":\"2.0\",\"id\":\"p1\",\"result\":{\"status\":\"finished\"}}");
        formatter.note("the end");

        assertEquals(List.of(
                "server    > Kimi Code CLI 0.1.0, wire 1.10",
                "you       > run it",
                "thinking  > The user wants a run.",
                "assistant > Sure, running.",
                "tool call > Shell {\"command\":\"echo hi\"}",
                "status    > tokens: 812 in (0 cached), 41 out",
                "approval  > Shell asks to run command: Run command `echo hi`",
                "approval  > answered: approve",
                "tool      > hi",
                "retry     > APIStatusError 429 -> attempt 2 of 3 in 0.5 s",
                "assistant > It printed hi.\n            Done.",
                "result    > finished",
                "demo      > the end"), lines);
    }

    @Test
    void errorsAndFailedToolsAreShown() throws Exception {
        feed(event("ToolResult", "{\"tool_call_id\":\"c\",\"return_value\":{\"is_error\":true,\"output\":\"\",\"message\":\"The tool call is rejected by the user.\",\"display\":[]}}"),
                event("StepInterrupted", "{}"),
                "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"error\":{\"code\":-32004,\"message\":\"Authentication failed.\",\"data\":null}}");

        assertEquals(List.of(
                "tool      > error: The tool call is rejected by the user.",
                "step      > interrupted by an error",
                "error     > -32004 Authentication failed."), lines);
    }

    @Test
    void longToolOutputIsShortened() throws Exception {
        String output = String.join("\\n", IntStream.rangeClosed(1, 12).mapToObj(i -> "line " + i).toList());
        feed(event("ToolResult", "{\"tool_call_id\":\"c\",\"return_value\":{\"is_error\":false,\"output\":\"" + output + "\",\"message\":\"\",\"display\":[]}}"));

        assertEquals(1, lines.size());
        assertEquals("tool      > line 1", lines.getFirst().lines().findFirst().orElseThrow());
        assertEquals("            ... (4 more lines)", lines.getFirst().lines().reduce((a, b) -> b).orElseThrow());
    }
}
