package dev.agentserver.server.tools;

import java.nio.file.Path;

/** Short, human texts for tool-call titles. */
final class Titles {

    private static final int MAX_CHARS = 80;

    private Titles() {}

    /** The path relative to the work dir when it lies inside it, since that is how people name project files. */
    static String path(ToolContext context, Path resolved) {
        Path workDir = context.workDir().normalize();
        if (resolved.startsWith(workDir) && !resolved.equals(workDir)) {
            return workDir.relativize(resolved).toString();
        }
        return resolved.toString();
    }

    /** The first line of {@code text}, cut to a length that fits a title bar. */
    static String clip(String text) {
        String firstLine = text.strip().lines().findFirst().orElse("");
        boolean cut = firstLine.length() > MAX_CHARS || !firstLine.equals(text.strip());
        if (firstLine.length() > MAX_CHARS) {
            firstLine = firstLine.substring(0, MAX_CHARS);
        }
        return cut ? firstLine + "…" : firstLine;
    }
}
