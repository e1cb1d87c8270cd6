package dev.agentserver.protocol.wire;

import dev.agentserver.protocol.json.RecordAdaptersContract;
import dev.agentserver.protocol.wire.WirePayloads.BriefBlock;
import dev.agentserver.protocol.wire.WirePayloads.DiffBlock;
import dev.agentserver.protocol.wire.WirePayloads.ReturnValue;
import dev.agentserver.protocol.wire.WirePayloads.ToolResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The wire protocol's generated record adapters, held to Gson's reflection (see {@link RecordAdaptersContract}). */
class WireRecordAdaptersTest extends RecordAdaptersContract {

    WireRecordAdaptersTest() {
        super(WireGson.CONFIG, WireGson.REFLECTIVE, WireRecordAdapters.records(),
                Set.of(WireContentPart.class, WireUserInput.class));
    }

    /** Components typed Object are written by the value's own class: here records, inside the envelope's payload. */
    @Test
    void recordsHeldAsObjectsAreWrittenByTheirClass() {
        ReturnValue value = new ReturnValue(false, "done", null,
                List.of(new BriefBlock("edited"), new DiffBlock("/a.txt", "old", "new", 1, 1, false)), null);

        assertWrittenAsByReflection("""
                {"type":"ToolResult","payload":{"tool_call_id":"c1","return_value":{"is_error":false,"output":"done",\
                "message":null,"display":[{"type":"brief","text":"edited"},{"type":"diff","path":"/a.txt",\
                "old_text":"old","new_text":"new","old_start":1,"new_start":1,"is_summary":false}],"extras":null}}}""",
                new WireMessage("ToolResult", new ToolResult("c1", value)));
    }
}
