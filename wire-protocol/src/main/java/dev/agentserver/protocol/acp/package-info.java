/**
 * The Agent Client Protocol as data: its records, unions and enums, and the Gson configuration that maps them
 * ({@link dev.agentserver.protocol.acp.AcpGson}). The records' adapters are generated ({@code AcpRecordAdapters}).
 */
@GsonRecords(naming = GsonRecords.Naming.AS_DECLARED_META_UNDERSCORED)
package dev.agentserver.protocol.acp;

import dev.agentserver.protocol.json.GsonRecords;
