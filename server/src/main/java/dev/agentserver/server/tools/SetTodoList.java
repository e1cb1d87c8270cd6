package dev.agentserver.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.ToolReturn;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The model's plan as a todo list: each call replaces the whole list. It changes nothing on disk; the
 * list is shown to the user (a todo display block on the wire, a {@code plan} update in ACP editors).
 */
public final class SetTodoList implements Tool {

    private static final Set<String> STATUSES = Set.of("pending", "in_progress", "done");

    private static final ObjectNode PARAMETERS = JsonSchema.object()
            .required("todos", JsonSchema.arrayOf("The whole list, in order; it replaces the previous one.",
                    JsonSchema.object()
                            .required("title", JsonSchema.string("What is to be done, in a few words."))
                            .required("status", JsonSchema.choice("Where the item stands.", "pending",
                                    "pending", "in_progress", "done"))
                            .build()))
            .build();

    @Override
    public String name() {
        return "SetTodoList";
    }

    @Override
    public String description() {
        return """
                Keep a visible plan for multi-step work: send the whole todo list each time, with every \
                item's status (pending, in_progress or done). Use it when a task has three or more steps, \
                mark an item in_progress before you start it and done when it is finished.\
                """;
    }

    @Override
    public ObjectNode parameters() {
        return PARAMETERS.deepCopy();
    }

    @Override
    public PreparedCall prepare(JsonNode arguments, ToolContext context) throws ToolArgumentException {
        JsonNode todos = Arguments.of(arguments).required("todos");
        if (!todos.isArray()) {
            throw new ToolArgumentException("`todos` must be a list.");
        }
        List<DisplayBlock.TodoItem> items = new ArrayList<>();
        for (int i = 0; i < todos.size(); i++) {
            Arguments item = Arguments.nested(todos.get(i), "todos[" + i + "].");
            String status = item.nonEmptyString("status");
            if (!STATUSES.contains(status)) {
                throw new ToolArgumentException("`todos[" + i + "].status` must be pending, in_progress or done.");
            }
            items.add(new DisplayBlock.TodoItem(item.nonEmptyString("title"), status));
        }
        long done = items.stream().filter(t -> t.status().equals("done")).count();
        return new ReadyCall(new ToolPresentation("Update the plan", "think", List.of()), null,
                cancel -> ToolReturn.ok("", "Todo list updated: " + done + " of " + items.size() + " done.",
                        List.of(new DisplayBlock.Todo(items))));
    }
}
