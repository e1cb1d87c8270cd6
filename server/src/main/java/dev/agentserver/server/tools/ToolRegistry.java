package dev.agentserver.server.tools;

import java.util.List;
import java.util.Optional;

/** The tools offered to the model, by name, in the order they are listed to it. */
public final class ToolRegistry {

    private final List<Tool> tools;

    public ToolRegistry(List<Tool> tools) {
        this.tools = List.copyOf(tools);
    }

    /** The built-in tools. They hold no state: where they act comes with each call's {@link ToolContext}. */
    public static ToolRegistry builtins() {
        return new ToolRegistry(List.of(new Shell(), new ReadFile(), new WriteFile(), new StrReplaceFile(),
                new Glob(), new Grep(), new SetTodoList()));
    }

    public List<Tool> all() {
        return tools;
    }

    public Optional<Tool> find(String name) {
        return tools.stream().filter(tool -> tool.name().equals(name)).findFirst();
    }
}
