package dev.agentserver.server.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.server.model.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionStreamTest {

    private final RecordingSink sink = new RecordingSink();
    private final CompletionStream stream = new CompletionStream(sink);

    private void accept(String data) throws ProviderException {
        assertTrue(stream.accept(new SseEvent("message", data)));
    }

    private ProviderException rejected(String event, String data) {
        return assertThrows(ProviderException.class, () -> stream.accept(new SseEvent(event, data)));
    }

    @Test
    void takesTheDeltasAndSkipsUnknownFieldsHoweverDeeplyNested() throws ProviderException {
        accept("{\"id\":\"c-1\",\"object\":\"chat.completion.chunk\",\"created\":1764378000,\"system_fingerprint\":null,"
                + "\"meta\":{\"choices\":[{\"delta\":{\"content\":\"not this\"}}],\"id\":\"nor this\",\"n\":[1,[2,{}]]},"
                + "\"choices\":[{\"index\":0,\"logprobs\":{\"content\":[{\"token\":\"x\",\"bytes\":[120]}]},"
                + "\"delta\":{\"role\":\"assistant\",\"extra\":{\"content\":\"nor this\"},\"reasoning_content\":\"hm\","
                + "\"content\":\"Hi\"},\"finish_reason\":null}]}");
        accept("{\"id\":\"c-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" there\"},\"finish_reason\":\"stop\"}]}");
        assertFalse(stream.accept(new SseEvent("message", " [DONE]\n")));
        stream.finish();

        assertEquals(List.of("id:c-1", "think:hm", "text:Hi", "text: there"), sink.events);
    }

    @Test
    void aUsageOnlyChunkIsDeliveredAtTheEnd() throws ProviderException {
        accept("{\"choices\":[{\"delta\":{\"content\":\"t\"},\"finish_reason\":\"stop\"}]}");
        accept("{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":2},\"total_tokens\":10}}");
        assertEquals(List.of("text:t"), sink.events);

        stream.finish();

        assertEquals(List.of("text:t", "usage"), sink.events);
        assertEquals(new TokenUsage(5, 3, 2, 0), sink.usage);
    }

    @Test
    void aUsageInsideTheChoiceCountsToo() throws ProviderException {
        accept("{\"choices\":[{\"delta\":{\"content\":\"t\"},\"finish_reason\":\"stop\","
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1,\"cached_tokens\":4}}]}");
        stream.finish();

        assertEquals(new TokenUsage(6, 1, 4, 0), sink.usage);
    }

    @Test
    void streamsToolCallsFromTheirFragments() throws ProviderException {
        accept("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"Shell\",\"arguments\":\"\"}}]}}]}");
        accept("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"command\\\":\"}}]}}]}");
        accept("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"ls\\\"}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}]}");
        stream.finish();

        assertEquals(List.of("start:call_1:Shell:null", "args:{\"command\":", "args:\"ls\"}"), sink.events);
    }

    @Test
    void aMalformedChunkFailsBeforeAnyOfItReachesTheSink() {
        ProviderException e = rejected("message", "{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}],\"usage\":{\"x\":}");

        assertEquals(ProviderException.Kind.FAILED, e.kind());
        assertEquals("ChatProviderError", e.errorType());
        assertTrue(e.getMessage().startsWith("the chat service sent an event that is not JSON: {\"choices\""),
                e.getMessage());
        assertEquals(List.of(), sink.events);
    }

    @Test
    void aBrokenStringOrEscapeIsMalformedEvenWhereNothingIsRead() {
        for (String data : List.of("\"never ends", "{\"skipped\":\"bad \\q escape\",\"choices\":[]}",
                "{\"skipped\":[1,2}")) {
            assertEquals("ChatProviderError", rejected("message", data).errorType(), data);
        }
    }

    @Test
    void anErrorObjectWinsOverContentAnywhereInTheChunk() {
        ProviderException e = rejected("message", "{\"id\":\"c-1\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}],"
                + "\"error\":{\"message\":\"overloaded\",\"code\":503}}");

        assertEquals(ProviderException.Kind.RETRYABLE, e.kind());
        assertEquals(503, e.statusCode());
        assertEquals(List.of(), sink.events);
    }

    @Test
    void anErrorEventWithoutAnErrorObjectReportsTheWholeEvent() {
        ProviderException e = rejected("error", "{\"message\":\"quota\",\"status\":429}");

        assertEquals(ProviderException.Kind.RETRYABLE, e.kind());
        assertEquals(429, e.statusCode());
        assertTrue(e.getMessage().endsWith("quota"), e.getMessage());
    }

    @Test
    void readsWhatTheJsonTreeReadingRead() throws ProviderException {
        accept("");
        accept("[{\"choices\":[{\"delta\":{\"content\":\"not a chunk\"}}]}]");
        accept("{\"choices\":[{\"delta\":{\"content\":\"first\",\"content\":\"last\"}}]} and whatever follows");
        accept("{\"choices\":[{\"delta\":{\"content\":42}},{\"delta\":\"text\"},7]}");
        accept("{\"choices\":{\"0\":{\"delta\":{\"content\":\"an object's values are elements\"}}}}");

        assertEquals(List.of("text:last", "text:an object's values are elements"), sink.events);
    }
}
