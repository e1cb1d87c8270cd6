package dev.agentserver.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.ToolReturn;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Searches file contents line by line for a regular expression. */
public final class Grep implements Tool {

    static final int MAX_MATCHES = 500;
    static final int MAX_LINE_CHARS = 250;
    /** How much of a file's start is checked for NUL bytes, the mark of a binary file. */
    private static final int BINARY_PROBE_BYTES = 8192;

    private static final ObjectNode PARAMETERS = JsonSchema.object()
            .required("pattern", JsonSchema.string("A Java regular expression, matched against each line."))
            .optional("path", JsonSchema.string(
                    "The file or directory to search: absolute, or relative to the working directory. "
                            + "Defaults to the working directory."))
            .optional("glob", JsonSchema.string(
                    "Only search files whose name matches this glob, e.g. `*.java` or `*.{ts,tsx}`. "
                            + "A glob containing `/` is matched against the path relative to `path`."))
            .build();

    @Override
    public String name() {
        return "Grep";
    }

    @Override
    public String description() {
        return """
                Search file contents with a Java regular expression, one line at a time. Each match comes \
                back as `path:line:text`, with paths relative to the working directory. Directories are \
                searched recursively; `.git` directories and binary files are skipped, and symbolic \
                links are not followed. Use `(?i)` for a case-insensitive search and `glob` to limit the \
                search to some files. At most %d matches are returned, and matched lines longer than %d \
                characters are cut.\
                """.formatted(MAX_MATCHES, MAX_LINE_CHARS);
    }

    @Override
    public ObjectNode parameters() {
        return PARAMETERS.deepCopy();
    }

    @Override
    public PreparedCall prepare(JsonNode arguments, ToolContext context) throws ToolArgumentException {
        Arguments args = Arguments.of(arguments);
        String patternText = args.nonEmptyString("pattern");
        Pattern pattern;
        try {
            pattern = Pattern.compile(patternText);
        } catch (PatternSyntaxException e) {
            throw new ToolArgumentException("`pattern` is not a valid Java regular expression: "
                    + e.getDescription() + " near index " + e.getIndex() + ".");
        }
        Path root = context.resolve(args.optionalString("path").orElse("."));
        String globText = args.optionalString("glob").orElse(null);
        GlobMatcher glob = globText == null ? null : GlobMatcher.compile(globText);
        boolean globHasDirs = globText != null && globText.contains("/");
        return new ReadyCall(
                new ToolPresentation("Grep " + Titles.clip(patternText), "search", List.of(root)),
                null,
                cancel -> {
                    if (!Files.exists(root)) {
                        return ToolReturn.error("`" + root + "` does not exist.", "Path not found");
                    }
                    try {
                        List<Path> files = Files.isDirectory(root) ? files(root, glob, globHasDirs, cancel) : List.of(root);
                        return search(files, pattern, context, cancel);
                    } catch (IOException e) {
                        return ToolReturn.error("Failed to search `" + root + "`: " + e.getMessage(), "Grep failed");
                    }
                });
    }

    /** The regular files under {@code root} that pass the glob, in a stable order. */
    private static List<Path> files(Path root, GlobMatcher glob, boolean globHasDirs, CancelSignal cancel)
            throws IOException, CancelSignal.CancelledException {
        List<Path> files = new ArrayList<>();
        // Walk the real path, because a walk that starts at a symbolic link would not descend into it; but
        // name the files under root, so that they still show relative to a work dir reached through a link.
        Path start = root.toRealPath();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (cancel.isCancelled()) {
                    return FileVisitResult.TERMINATE;
                }
                boolean git = dir.getFileName() != null && dir.getFileName().toString().equals(".git");
                return git ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                Path relative = start.relativize(file);
                Path tested = globHasDirs ? relative : file.getFileName();
                if (attributes.isRegularFile() && (glob == null || glob.matches(tested))) {
                    files.add(root.resolve(relative));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // an unreadable entry should not hide the rest
            }
        });
        cancel.throwIfCancelled();
        files.sort(null);
        return files;
    }

    private static ToolReturn search(List<Path> files, Pattern pattern, ToolContext context, CancelSignal cancel)
            throws CancelSignal.CancelledException {
        StringBuilder out = new StringBuilder();
        int matches = 0;
        int matchedFiles = 0;
        for (Path file : files) {
            cancel.throwIfCancelled();
            int found = searchFile(file, Titles.path(context, file), pattern, out, MAX_MATCHES - matches);
            matches += found;
            matchedFiles += found > 0 ? 1 : 0;
            if (matches >= MAX_MATCHES) {
                return ToolReturn.ok(out.toString(), "Stopped at the first " + MAX_MATCHES + " matches, in "
                        + matchedFiles + " files. Narrow the pattern, path or glob to see the rest.", List.of());
            }
        }
        if (matches == 0) {
            return ToolReturn.ok("", "No matches found.", List.of());
        }
        return ToolReturn.ok(out.toString(), "Found " + matches + " matches in " + matchedFiles + " files.", List.of());
    }

    /** Appends up to {@code limit} matching lines of one file to {@code out}; returns how many it found. */
    private static int searchFile(Path file, String shownPath, Pattern pattern, StringBuilder out, int limit) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BINARY_PROBE_BYTES)) {
            in.mark(BINARY_PROBE_BYTES);
            for (byte b : in.readNBytes(BINARY_PROBE_BYTES)) {
                if (b == 0) {
                    return 0;
                }
            }
            in.reset();
            // Malformed UTF-8 becomes replacement characters, so text in other encodings still matches partly.
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int found = 0;
            int number = 0;
            for (String line = lines.readLine(); line != null && found < limit; line = lines.readLine()) {
                number++;
                if (pattern.matcher(line).find()) {
                    found++;
                    String shown = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "…" : line;
                    out.append(shownPath).append(':').append(number).append(':').append(shown).append('\n');
                }
            }
            return found;
        } catch (IOException e) {
            return 0; // an unreadable file is skipped, like a binary one
        }
    }
}
