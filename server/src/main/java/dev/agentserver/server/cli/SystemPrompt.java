package dev.agentserver.server.cli;

import java.nio.file.Path;

/** The system prompt: who the agent is, where it works and how to use its tools. */
final class SystemPrompt {

    private SystemPrompt() {
    }

    static String forWorkDir(Path workDir) {
        return """
                You are a coding agent working in the directory %s on the user's machine. Use the tools to \
                read, search and change files and to run commands; relative paths are resolved against that \
                directory. Prefer small, verifiable steps, read before you edit, and say briefly what you did.\
                """.formatted(workDir);
    }
}
