package dev.agentserver.server.tools;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Matches relative paths against a glob. Java's {@code **}{@code /} needs at least one directory, but models
 * expect {@code **}{@code /*.java} to match {@code Main.java} at the top too (as in most shells and in
 * Python), so every {@code **}{@code /} is also tried as matching no directory at all.
 */
final class GlobMatcher {

    /** Beyond this many {@code **}{@code /}s the variants would be too many; such globs match as written. */
    private static final int MAX_OPTIONAL_DIRS = 4;

    private final List<PathMatcher> matchers = new ArrayList<>();

    private GlobMatcher(String pattern) throws ToolArgumentException {
        Set<String> variants = new LinkedHashSet<>();
        if (pattern.split("\\*\\*/", -1).length - 1 > MAX_OPTIONAL_DIRS) {
            variants.add(pattern);
        } else {
            addVariants(pattern, 0, variants);
        }
        try {
            for (String variant : variants) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + variant));
            }
        } catch (PatternSyntaxException e) {
            throw new ToolArgumentException("`" + pattern + "` is not a valid glob: " + e.getDescription() + ".");
        }
    }

    static GlobMatcher compile(String pattern) throws ToolArgumentException {
        return new GlobMatcher(pattern);
    }

    boolean matches(Path relative) {
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(relative)) {
                return true;
            }
        }
        return false;
    }

    private static void addVariants(String pattern, int from, Set<String> out) {
        int at = pattern.indexOf("**/", from);
        if (at < 0) {
            out.add(pattern);
            return;
        }
        addVariants(pattern, at + 3, out);
        addVariants(pattern.substring(0, at) + pattern.substring(at + 3), at, out);
    }
}
