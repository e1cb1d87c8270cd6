package dev.agentserver.server.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.ToolReturn;
import dev.agentserver.server.tools.ApprovalInfo;
import dev.agentserver.server.tools.CommandRunner;
import dev.agentserver.server.tools.FileAccess;
import dev.agentserver.server.tools.PreparedCall;
import dev.agentserver.server.tools.Tool;
import dev.agentserver.server.tools.ToolArgumentException;
import dev.agentserver.server.tools.ToolContext;
import dev.agentserver.server.tools.ToolPresentation;
import dev.agentserver.server.tools.ToolRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Small stand-ins for the built-in tools (WriteFile, ReadFile, Shell, and a todo list), written against
 * the tool SPI so that the ACP tests can drive approvals, {@code fs/*} and {@code terminal/*} on this
 * branch; they go through {@link ToolContext#files()} and {@link ToolContext#commands()} as the real ones do.
 */
final class TestTools {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTools() {
    }

    static ToolRegistry registry() {
        return new ToolRegistry(List.of(new WriteFile(), new ReadFile(), new Shell(), new SetTodoList()));
    }

    private record Prepared(ToolPresentation presentation, ApprovalInfo approval, Body body) implements PreparedCall {
        @Override
        public ToolReturn run(CancelSignal cancel) throws CancelSignal.CancelledException {
            return body.run(cancel);
        }
    }

    @FunctionalInterface
    private interface Body {
        ToolReturn run(CancelSignal cancel) throws CancelSignal.CancelledException;
    }

    private abstract static class Base implements Tool {
        @Override
        public String description() {
            return "test tool " + name();
        }

        @Override
        public ObjectNode parameters() {
            return JSON.createObjectNode().put("type", "object");
        }

        static String text(JsonNode arguments, String field) throws ToolArgumentException {
            JsonNode value = arguments.get(field);
            if (value == null || !value.isTextual()) {
                throw new ToolArgumentException("`" + field + "` is required.");
            }
            return value.asText();
        }
    }

    static final class WriteFile extends Base {
        @Override
        public String name() {
            return "WriteFile";
        }

        @Override
        public PreparedCall prepare(JsonNode arguments, ToolContext context) throws ToolArgumentException {
            Path path = context.resolve(text(arguments, "path"));
            String content = text(arguments, "content");
            String old;
            try {
                old = context.files().readText(path);
            } catch (NoSuchFileException e) {
                old = null;
            } catch (IOException e) {
                throw new ToolArgumentException("Cannot read " + path + ": " + e.getMessage());
            }
            DisplayBlock diff = new DisplayBlock.Diff(path.toString(), old, content, 1, 1, false);
            return new Prepared(new ToolPresentation("Write " + path.getFileName(), "edit", List.of(path)),
                    new ApprovalInfo("WriteFile", "edit file", "Write file `" + path + "`", List.of(diff)),
                    cancel -> {
                        try {
                            context.files().writeText(path, content);
                            return ToolReturn.ok("", "File written.", List.of(diff));
                        } catch (IOException e) {
                            return ToolReturn.error("Failed to write: " + e.getMessage(), "Failed to write file");
                        }
                    });
        }
    }

    static final class ReadFile extends Base {
        @Override
        public String name() {
            return "ReadFile";
        }

        @Override
        public PreparedCall prepare(JsonNode arguments, ToolContext context) throws ToolArgumentException {
            Path path = context.resolve(text(arguments, "path"));
            return new Prepared(new ToolPresentation("Read " + path.getFileName(), "read", List.of(path)), null,
                    cancel -> {
                        try {
                            return ToolReturn.ok(context.files().readText(path));
                        } catch (NoSuchFileException e) {
                            return ToolReturn.error("`" + path + "` does not exist.", "File not found");
                        } catch (IOException e) {
                            return ToolReturn.error("Failed to read: " + e.getMessage(), "Failed to read file");
                        }
                    });
        }
    }

    static final class Shell extends Base {
        @Override
        public String name() {
            return "Shell";
        }

        @Override
        public PreparedCall prepare(JsonNode arguments, ToolContext context) throws ToolArgumentException {
            String command = text(arguments, "command");
            DisplayBlock shell = new DisplayBlock.Shell("bash", command);
            return new Prepared(new ToolPresentation("Run `" + command + "`", "execute", List.of()),
                    new ApprovalInfo("Shell", "run command", "Run command `" + command + "`", List.of(shell)),
                    cancel -> {
                        try {
                            CommandRunner.CommandResult result = context.commands()
                                    .run(command, context.workDir(), Duration.ofSeconds(30), cancel);
                            boolean failed = result.exitCode() == null || result.exitCode() != 0;
                            return new ToolReturn(failed, result.output(),
                                    failed ? "Command failed." : "Command executed successfully.", List.of(shell));
                        } catch (IOException e) {
                            return ToolReturn.error("Could not run: " + e.getMessage(), "Could not run command");
                        }
                    });
        }
    }

    /** Shows a todo list; the ACP front end turns it into a plan. */
    static final class SetTodoList extends Base {
        @Override
        public String name() {
            return "SetTodoList";
        }

        @Override
        public PreparedCall prepare(JsonNode arguments, ToolContext context) {
            List<DisplayBlock.TodoItem> items = new ArrayList<>();
            for (JsonNode todo : arguments.path("todos")) {
                items.add(new DisplayBlock.TodoItem(todo.path("title").asText(), todo.path("status").asText()));
            }
            return new Prepared(new ToolPresentation("Update the plan", "think", List.of()), null,
                    cancel -> ToolReturn.ok("", "Todo list updated.", List.of(new DisplayBlock.Todo(items))));
        }
    }

    /** The local disk, for sessions whose client offers no {@code fs/*}. */
    static final class DiskFiles implements FileAccess {
        @Override
        public String readText(Path path) throws IOException {
            return Files.readString(path, StandardCharsets.UTF_8);
        }

        @Override
        public void writeText(Path path, String content) throws IOException {
            Files.createDirectories(path.getParent());
            Files.writeString(path, content, StandardCharsets.UTF_8);
        }
    }

    /** Local commands are not part of these tests: a session without a client terminal must not run any. */
    static final class NoCommands implements CommandRunner {
        @Override
        public CommandResult run(String command, Path cwd, Duration timeout, CancelSignal cancel) throws IOException {
            throw new IOException("no local commands in the ACP tests");
        }
    }
}
