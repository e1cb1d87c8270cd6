package dev.agentserver.server.model;

import java.util.List;

/** What a tool shows the user beside its output: a one-line brief, a diff, a shell command, a todo list. */
public sealed interface DisplayBlock {

    record Brief(String text) implements DisplayBlock {}

    /** {@code oldText} is null for a new file. Line numbers are 1-based. */
    record Diff(String path, String oldText, String newText, int oldStart, int newStart, boolean isSummary)
            implements DisplayBlock {}

    record Shell(String language, String command) implements DisplayBlock {}

    record Todo(List<TodoItem> items) implements DisplayBlock {}

    record TodoItem(String title, String status) {}
}
