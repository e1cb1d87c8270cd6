package dev.agentserver.server.model;

/** A complete tool call as the model made it: {@code arguments} is the raw JSON text (may be null or partial JSON). */
public record ToolCallData(String id, String name, String arguments) {}
