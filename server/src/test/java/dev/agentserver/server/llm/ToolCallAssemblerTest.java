package dev.agentserver.server.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolCallAssemblerTest {

    private final RecordingSink sink = new RecordingSink();
    private final ToolCallAssembler assembler = new ToolCallAssembler(sink);

    /** One element of {@code delta.tool_calls}, read as the stream reads it. */
    private void feed(String json) throws Exception {
        String chunk = "{\"choices\":[{\"delta\":{\"tool_calls\":[" + json + "]}}]}";
        assembler.accept(ChunkParser.parse(chunk).choices().getFirst().delta().toolCalls().getFirst());
    }

    @Test
    void startsWithIdAndNameThenStreamsArguments() throws Exception {
        feed("{\"index\":0,\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"Shell\",\"arguments\":\"\"}}");
        feed("{\"index\":0,\"function\":{\"arguments\":\"{\\\"command\\\":\"}}");
        feed("{\"index\":0,\"function\":{\"arguments\":\"\\\"ls\\\"}\"}}");
        feed("{\"index\":1,\"id\":\"c2\",\"function\":{\"name\":\"ReadFile\",\"arguments\":\"{}\"}}");
        assembler.finish();

        assertEquals(List.of("start:c1:Shell:null", "args:{\"command\":", "args:\"ls\"}", "start:c2:ReadFile:{}"),
                sink.events);
    }

    @Test
    void holdsArgumentsThatArriveBeforeTheName() throws Exception {
        feed("{\"index\":0,\"id\":\"c1\",\"function\":{\"arguments\":\"{\\\"a\\\"\"}}");
        feed("{\"index\":0,\"function\":{\"name\":\"Glob\",\"arguments\":\":1}\"}}");

        assertEquals(List.of("start:c1:Glob:{\"a\":1}"), sink.events);
    }

    @Test
    void withoutIndexesANewIdMeansANewCall() throws Exception {
        feed("{\"id\":\"a\",\"function\":{\"name\":\"Shell\",\"arguments\":\"{\"}}");
        feed("{\"function\":{\"arguments\":\"}\"}}");
        feed("{\"id\":\"b\",\"function\":{\"name\":\"Glob\",\"arguments\":\"{}\"}}");

        assertEquals(List.of("start:a:Shell:{", "args:}", "start:b:Glob:{}"), sink.events);
    }

    @Test
    void makesAnIdWhenTheServiceSendsNone() throws Exception {
        feed("{\"index\":0,\"function\":{\"name\":\"Shell\",\"arguments\":\"{}\"}}");

        assertTrue(sink.events.getFirst().startsWith("start:call_"), sink.events.toString());
    }

    @Test
    void interleavedArgumentsAreAnError() throws Exception {
        feed("{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"Shell\"}}");
        feed("{\"index\":1,\"id\":\"b\",\"function\":{\"name\":\"Glob\"}}");

        ProviderException e = assertThrows(ProviderException.class, () -> feed("{\"index\":0,\"function\":{\"arguments\":\"{}\"}}"));
        assertEquals(ProviderException.Kind.FAILED, e.kind());
    }

    @Test
    void aCallThatNeverGetsANameIsAnError() throws Exception {
        feed("{\"index\":0,\"id\":\"a\",\"function\":{\"arguments\":\"{}\"}}");

        ProviderException e = assertThrows(ProviderException.class, assembler::finish);
        assertEquals(ProviderException.Kind.FAILED, e.kind());
    }
}
