package dev.agentserver.server.tools;

import java.nio.file.Path;

/**
 * Where tools run: the session's work dir (base of relative paths) and how files and commands are
 * reached. Under ACP the front end supplies editor-backed {@link FileAccess} and {@link CommandRunner}
 * when the client offers them; otherwise both are local.
 */
public record ToolContext(Path workDir, FileAccess files, CommandRunner commands) {

    /** Resolves a path the model gave against the work dir and normalises it. */
    public Path resolve(String path) {
        return workDir.resolve(path).normalize();
    }
}
