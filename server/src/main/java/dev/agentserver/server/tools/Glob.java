package dev.agentserver.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.ToolReturn;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Lists the files and directories under a directory whose relative paths match a glob. */
public final class Glob implements Tool {

    static final int MAX_MATCHES = 1000;

    private static final ObjectNode PARAMETERS = JsonSchema.object()
            .required("pattern", JsonSchema.string(
                    "The glob, matched against paths relative to `directory`, e.g. `src/**/*.java` or `*.md`."))
            .optional("directory", JsonSchema.string(
                    "The directory to search, inside the working directory: absolute, or relative to it. "
                            + "Defaults to the working directory."))
            .build();

    @Override
    public String name() {
        return "Glob";
    }

    @Override
    public String description() {
        return """
                Find files and directories by name. The glob is matched against each path relative to \
                the search directory: `*` and `?` stay within one path segment, `**` crosses directories \
                (`**/` may also match no directory, so `**/*.py` finds top-level files too), and `{a,b}` \
                gives alternatives. Results are relative paths, sorted, at most %d; narrow the pattern if \
                you hit the limit. Symbolic links are not followed. To search file contents use Grep.\
                """.formatted(MAX_MATCHES);
    }

    @Override
    public ObjectNode parameters() {
        return PARAMETERS.deepCopy();
    }

    @Override
    public PreparedCall prepare(JsonNode arguments, ToolContext context) throws ToolArgumentException {
        Arguments args = Arguments.of(arguments);
        String pattern = args.nonEmptyString("pattern");
        GlobMatcher matcher = GlobMatcher.compile(pattern);
        Path directory = context.resolve(args.optionalString("directory").orElse("."));
        if (!directory.startsWith(context.workDir().normalize())) {
            throw new ToolArgumentException("`" + directory + "` is outside the working directory `"
                    + context.workDir() + "`; only the working directory and its subdirectories can be searched.");
        }
        return new ReadyCall(
                new ToolPresentation("Glob " + Titles.clip(pattern), "search", List.of(directory)),
                null,
                cancel -> search(directory, pattern, matcher, cancel));
    }

    private static ToolReturn search(Path directory, String pattern, GlobMatcher matcher, CancelSignal cancel)
            throws CancelSignal.CancelledException {
        if (!Files.isDirectory(directory)) {
            return Files.exists(directory)
                    ? ToolReturn.error("`" + directory + "` is not a directory.", "Not a directory")
                    : ToolReturn.error("`" + directory + "` does not exist.", "Directory not found");
        }
        List<Path> matches = new ArrayList<>();
        try {
            // The real path, because a walk that starts at a symbolic link would not descend into it.
            Path root = directory.toRealPath();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (cancel.isCancelled()) {
                        return FileVisitResult.TERMINATE;
                    }
                    return dir.equals(root) ? FileVisitResult.CONTINUE : visitFile(dir, attributes);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    Path relative = root.relativize(file);
                    if (matcher.matches(relative)) {
                        matches.add(relative);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // an unreadable entry should not hide the rest
                }
            });
        } catch (IOException e) {
            return ToolReturn.error("Failed to search `" + directory + "`: " + e.getMessage(), "Glob failed");
        }
        cancel.throwIfCancelled();
        if (matches.isEmpty()) {
            return ToolReturn.ok("", "No matches found for pattern `" + pattern + "`.", List.of());
        }
        matches.sort(null);
        String message = "Found " + matches.size() + " matches for pattern `" + pattern + "`.";
        if (matches.size() > MAX_MATCHES) {
            message += " Only the first " + MAX_MATCHES + " are listed; use a narrower pattern to see the rest.";
        }
        String output = matches.stream().limit(MAX_MATCHES).map(Path::toString).collect(Collectors.joining("\n"));
        return ToolReturn.ok(output, message, List.of());
    }
}
