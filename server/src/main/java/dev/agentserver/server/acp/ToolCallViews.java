package dev.agentserver.server.acp;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.agentserver.protocol.acp.SessionUpdate;
import dev.agentserver.protocol.acp.SessionUpdate.PlanEntry;
import dev.agentserver.protocol.acp.ToolCallContent;
import dev.agentserver.protocol.acp.ToolCallStatus;
import dev.agentserver.protocol.acp.ToolKind;
import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.ToolReturn;
import dev.agentserver.server.tools.ToolPresentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How tool calls look in the editor: the {@code tool_call} that announces one, the content of its
 * result (diffs of edits, the terminal it ran in, else its text), and the plan a todo list becomes.
 */
final class ToolCallViews {

    private ToolCallViews() {
    }

    /**
     * The first report of a call, pending. Without a presentation (an unknown tool, unusable arguments)
     * the tool's name is the title.
     */
    static SessionUpdate.ToolCall announced(String id, String name, String arguments, ToolPresentation presentation,
            ToolCallStatus status, List<ToolCallContent> content) {
        String title = presentation == null ? name : presentation.title();
        ToolKind kind = presentation == null ? ToolKind.OTHER : ToolKind.named(presentation.kind());
        List<SessionUpdate.ToolCallLocation> locations = presentation == null || presentation.locations().isEmpty()
                ? null : locations(presentation.locations());
        return new SessionUpdate.ToolCall(id, title, kind, status, content, locations, rawInput(arguments), null);
    }

    static List<SessionUpdate.ToolCallLocation> locations(List<Path> paths) {
        return paths.stream().map(p -> new SessionUpdate.ToolCallLocation(p.toString(), null)).toList();
    }

    /** The arguments as JSON when they parse, else nothing: a half-written call has no useful raw input. */
    static JsonElement rawInput(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return null;
        }
        try {
            return JsonParser.parseString(arguments);
        } catch (JsonParseException unparseable) {
            return null;
        }
    }

    static ToolCallStatus finalStatus(ToolReturn result) {
        return result.isError() ? ToolCallStatus.FAILED : ToolCallStatus.COMPLETED;
    }

    /**
     * What a finished call shows: its diffs and its terminal; when neither, the output. An error (or a
     * call with nothing else to show) adds the message that explains it.
     */
    static List<ToolCallContent> resultContent(ToolReturn result, String terminalId) {
        List<ToolCallContent> content = new ArrayList<>(diffs(result.display()));
        if (terminalId != null) {
            content.add(new ToolCallContent.Terminal(terminalId));
        }
        if (content.isEmpty() && !result.output().isEmpty()) {
            content.add(ToolCallContent.text(result.output()));
        }
        if (result.isError() || content.isEmpty()) {
            String explanation = result.message().isEmpty() ? brief(result.display()) : result.message();
            if (!explanation.isEmpty()) {
                content.add(ToolCallContent.text(explanation));
            }
        }
        return content;
    }

    /** What the user approves: the diff of an edit, the command line of a shell call, a brief. */
    static List<ToolCallContent> approvalContent(List<DisplayBlock> display) {
        List<ToolCallContent> content = new ArrayList<>();
        for (DisplayBlock block : display) {
            switch (block) {
                case DisplayBlock.Diff diff -> content.add(diff(diff));
                case DisplayBlock.Shell shell -> content.add(
                        ToolCallContent.text("```" + shell.language() + "\n" + shell.command() + "\n```"));
                case DisplayBlock.Brief brief -> content.add(ToolCallContent.text(brief.text()));
                case DisplayBlock.Todo todo -> { }
            }
        }
        return content;
    }

    /** The todo list of a result as the session's plan, or null when the result has none. */
    static SessionUpdate.Plan plan(ToolReturn result) {
        for (DisplayBlock block : result.display()) {
            if (block instanceof DisplayBlock.Todo todo) {
                return new SessionUpdate.Plan(todo.items().stream()
                        .map(item -> new PlanEntry(item.title(), PlanEntry.Priority.MEDIUM, planStatus(item.status())))
                        .toList());
            }
        }
        return null;
    }

    private static PlanEntry.Status planStatus(String todoStatus) {
        return switch (todoStatus == null ? "" : todoStatus) {
            case "done", "completed" -> PlanEntry.Status.COMPLETED;
            case "in_progress", "in progress" -> PlanEntry.Status.IN_PROGRESS;
            default -> PlanEntry.Status.PENDING;
        };
    }

    private static List<ToolCallContent> diffs(List<DisplayBlock> display) {
        return display.stream()
                .filter(DisplayBlock.Diff.class::isInstance)
                .map(block -> diff((DisplayBlock.Diff) block))
                .toList();
    }

    private static ToolCallContent diff(DisplayBlock.Diff diff) {
        return new ToolCallContent.Diff(diff.path(), diff.oldText(), diff.newText());
    }

    private static String brief(List<DisplayBlock> display) {
        return display.stream()
                .filter(DisplayBlock.Brief.class::isInstance)
                .map(block -> ((DisplayBlock.Brief) block).text())
                .findFirst()
                .orElse("");
    }
}
