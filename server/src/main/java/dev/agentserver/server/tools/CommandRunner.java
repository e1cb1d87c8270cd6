package dev.agentserver.server.tools;

import dev.agentserver.server.model.CancelSignal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Runs one shell command line to completion (or timeout, or cancel) and collects its output. */
public interface CommandRunner {

    CommandResult run(String command, Path cwd, Duration timeout, CancelSignal cancel)
            throws IOException, CancelSignal.CancelledException;

    /**
     * @param exitCode   the exit status, or null when the command was killed
     * @param output     stdout and stderr interleaved, possibly cut from the start
     * @param terminalId the client's terminal id when an editor ran it (ACP), else null
     */
    record CommandResult(Integer exitCode, String output, boolean truncated, boolean timedOut, String terminalId) {}
}
