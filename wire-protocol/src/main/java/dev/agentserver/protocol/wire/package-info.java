/**
 * The wire protocol as data: its envelopes, payloads and params, and the Gson configuration that maps them
 * ({@link dev.agentserver.protocol.wire.WireGson}). The records' adapters are generated ({@code WireRecordAdapters}),
 * except those of the content parts and the user input, which their own adapters write.
 */
@GsonRecords(naming = GsonRecords.Naming.LOWER_CASE_WITH_UNDERSCORES,
        handWritten = {WireContentPart.class, WireUserInput.class})
package dev.agentserver.protocol.wire;

import dev.agentserver.protocol.json.GsonRecords;
