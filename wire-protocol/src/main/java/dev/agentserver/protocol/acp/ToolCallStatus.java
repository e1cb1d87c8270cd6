package dev.agentserver.protocol.acp;


/** Where a tool call is. The protocol has no "cancelled": the client marks those itself. */
public enum ToolCallStatus {
    PENDING,
    IN_PROGRESS,
    COMPLETED,
    FAILED
}
