package dev.agentserver.protocol.acp;

import com.google.gson.annotations.SerializedName;

/** Where a tool call is. The protocol has no "cancelled": the client marks those itself. */
public enum ToolCallStatus {
    @SerializedName("pending") PENDING,
    @SerializedName("in_progress") IN_PROGRESS,
    @SerializedName("completed") COMPLETED,
    @SerializedName("failed") FAILED
}
