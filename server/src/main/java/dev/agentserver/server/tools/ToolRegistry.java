package dev.agentserver.server.tools;

import java.util.List;
import java.util.Optional;

/** Placeholder until the built-in tools land: holds the tools by name in a fixed order. */
public final class ToolRegistry {

    private final List<Tool> tools;

    public ToolRegistry(List<Tool> tools) {
        this.tools = List.copyOf(tools);
    }

    public static ToolRegistry builtins() {
        return new ToolRegistry(List.of());
    }

    public List<Tool> all() {
        return tools;
    }

    public Optional<Tool> find(String name) {
        return tools.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
