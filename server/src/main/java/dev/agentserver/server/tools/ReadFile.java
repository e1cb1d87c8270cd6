package dev.agentserver.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.model.ToolReturn;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shows the model a range of a text file's lines, numbered like {@code cat -n}. */
public final class ReadFile implements Tool {

    static final int MAX_LINES = 1000;
    static final int MAX_LINE_CHARS = 2000;
    static final int MAX_TOTAL_CHARS = 100_000;

    private static final ObjectNode PARAMETERS = JsonSchema.object()
            .required("path", JsonSchema.string(
                    "The file to read: absolute, or relative to the working directory."))
            .optional("line_offset", JsonSchema.integer(
                    "The 1-based number of the first line to read.", 1, 1, null))
            .optional("n_lines", JsonSchema.integer(
                    "How many lines to read. At most " + MAX_LINES + " lines come back per call.",
                    MAX_LINES, 1, null))
            .build();

    @Override
    public String name() {
        return "ReadFile";
    }

    @Override
    public String description() {
        return """
                Read a UTF-8 text file. Lines come back numbered, each as the line number, a tab and the \
                line's text, so that you can cite them exactly; the numbers and tabs are not part of the \
                file. One call returns at most %d lines and %d characters, and a line longer than %d \
                characters is cut. For a longer file, read it in pieces with `line_offset` and `n_lines`; \
                the result says where to continue. Binary files cannot be read.\
                """.formatted(MAX_LINES, MAX_TOTAL_CHARS, MAX_LINE_CHARS);
    }

    @Override
    public ObjectNode parameters() {
        return PARAMETERS.deepCopy();
    }

    @Override
    public PreparedCall prepare(JsonNode arguments, ToolContext context) throws ToolArgumentException {
        Arguments args = Arguments.of(arguments);
        Path path = context.resolve(args.nonEmptyString("path"));
        int offset = args.integer("line_offset", 1, 1, Integer.MAX_VALUE);
        int count = args.integer("n_lines", MAX_LINES, 1, Integer.MAX_VALUE);
        return new ReadyCall(
                new ToolPresentation("Read " + Titles.path(context, path), "read", List.of(path)),
                null,
                cancel -> read(context.files(), path, offset, count));
    }

    private static ToolReturn read(FileAccess files, Path path, int offset, int count) {
        if (Files.isDirectory(path)) {
            return ToolReturn.error("`" + path + "` is a directory, not a file. Use Glob to list its contents.",
                    "Not a file");
        }
        String text;
        try {
            text = files.readText(path);
        } catch (NoSuchFileException e) {
            return ToolReturn.error("`" + path + "` does not exist.", "File not found");
        } catch (CharacterCodingException e) {
            return notText(path);
        } catch (IOException e) {
            return ToolReturn.error("Failed to read `" + path + "`: " + e.getMessage(), "Failed to read file");
        }
        // NUL never appears in text, but is common in binary formats that happen to decode as UTF-8.
        if (text.indexOf('\0') >= 0) {
            return notText(path);
        }
        return numbered(splitLines(text), offset, count);
    }

    private static ToolReturn numbered(List<String> lines, int offset, int count) {
        if (offset > lines.size()) {
            return ToolReturn.ok("", "No lines read from file: it has only " + lines.size() + " lines.", List.of());
        }
        int wanted = Math.min(count, MAX_LINES);
        StringBuilder out = new StringBuilder();
        List<Integer> cutLines = new ArrayList<>();
        int next = offset;
        while (next <= lines.size() && next - offset < wanted && out.length() < MAX_TOTAL_CHARS) {
            String line = lines.get(next - 1);
            if (line.length() > MAX_LINE_CHARS) {
                line = line.substring(0, MAX_LINE_CHARS) + "…";
                cutLines.add(next);
            }
            out.append(String.format("%6d\t%s\n", next, line));
            next++;
        }
        int read = next - offset;
        StringBuilder message = new StringBuilder(read + " lines read from file starting from line " + offset + ".");
        if (next > lines.size()) {
            message.append(" End of file reached.");
        } else {
            message.append(" The file has ").append(lines.size()).append(" lines; continue with line_offset=")
                    .append(next).append('.');
        }
        if (!cutLines.isEmpty()) {
            message.append(" Lines ").append(cutLines).append(" were cut to ").append(MAX_LINE_CHARS)
                    .append(" characters.");
        }
        return ToolReturn.ok(out.toString(), message.toString(), List.of());
    }

    /**
     * Splits on line feeds only, keeping any carriage return, so that the model sees the bytes it would
     * have to match when editing. A final line feed does not start another line.
     */
    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }

    private static ToolReturn notText(Path path) {
        return ToolReturn.error("`" + path + "` is not a UTF-8 text file (it looks binary). "
                + "Inspect it with a shell command such as `file` or `xxd` instead.", "Not a text file");
    }
}
