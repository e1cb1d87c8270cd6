package dev.agentserver.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Creates a file, replaces its whole content, or appends to it. */
public final class WriteFile implements Tool {

    private static final ObjectNode PARAMETERS = JsonSchema.object()
            .required("path", JsonSchema.string(
                    "The file to write: absolute, or relative to the working directory."))
            .required("content", JsonSchema.string("The text to write."))
            .optional("mode", JsonSchema.choice(
                    "`overwrite` replaces the file's content; `append` adds to its end.",
                    "overwrite", "overwrite", "append"))
            .build();

    @Override
    public String name() {
        return "WriteFile";
    }

    @Override
    public String description() {
        return """
                Write text to a file as UTF-8. A missing file is created together with its parent \
                directories. In `overwrite` mode (the default) the content replaces whatever the file \
                held; in `append` mode it is added to the end, so include a leading newline if needed. \
                The user may be asked to approve the change first. To change part of an existing file, \
                StrReplaceFile is safer than rewriting it.\
                """;
    }

    @Override
    public ObjectNode parameters() {
        return PARAMETERS.deepCopy();
    }

    @Override
    public PreparedCall prepare(JsonNode arguments, ToolContext context) throws ToolArgumentException {
        Arguments args = Arguments.of(arguments);
        Path path = context.resolve(args.nonEmptyString("path"));
        String content = args.string("content");
        String mode = args.optionalString("mode").orElse("overwrite");
        if (!mode.equals("overwrite") && !mode.equals("append")) {
            throw new ToolArgumentException("`mode` must be \"overwrite\" or \"append\", not \"" + mode + "\".");
        }
        String old = FileEdit.readCurrent(context.files(), path);
        boolean append = mode.equals("append") && old != null;
        FileEdit edit = new FileEdit(path, old, append ? old + content : content);
        String done = old == null ? "File created." : append ? "Content appended." : "File overwritten.";
        String message = done + " It now holds " + edit.newText().getBytes(StandardCharsets.UTF_8).length + " bytes.";
        return new ReadyCall(
                new ToolPresentation("Write " + Titles.path(context, path), "edit", List.of(path)),
                edit.approval("WriteFile", "Write file `" + path + "`"),
                cancel -> edit.apply(context.files(), message));
    }
}
