package dev.agentserver.server.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A tool as the model sees it: name, description and a JSON Schema of its parameters. */
public record ToolSpec(String name, String description, ObjectNode parameters) {}
