package dev.agentserver.server.acp;

import dev.agentserver.protocol.acp.AcpClient;
import dev.agentserver.protocol.acp.ClientRequests.CreateTerminalRequest;
import dev.agentserver.protocol.acp.ClientRequests.TerminalRequest;
import dev.agentserver.protocol.acp.ClientResponses.CreateTerminalResponse;
import dev.agentserver.protocol.acp.ClientResponses.TerminalExitStatus;
import dev.agentserver.protocol.acp.ClientResponses.TerminalOutputResponse;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.tools.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs commands in the editor's terminal ({@code terminal/create}, {@code wait_for_exit}, {@code output},
 * {@code release}), so that the user watches them live. A timeout or a cancel kills the command; every
 * terminal is released, even one whose creation is answered after the turn gave up on it.
 */
final class EditorTerminalRunner implements CommandRunner {

    /** The client drops older output beyond this; the Shell tool keeps less than that anyway. */
    static final long OUTPUT_BYTE_LIMIT = 256 * 1024;

    private final AcpClient client;
    private final ClientCalls calls;
    private final String sessionId;
    private final Consumer<String> terminalStarted;

    /** @param terminalStarted told each new terminal's id, so the running tool call can show it */
    EditorTerminalRunner(AcpClient client, ClientCalls calls, String sessionId, Consumer<String> terminalStarted) {
        this.client = client;
        this.calls = calls;
        this.sessionId = sessionId;
        this.terminalStarted = terminalStarted;
    }

    @Override
    public CommandResult run(String command, Path cwd, Duration timeout, CancelSignal cancel)
            throws IOException, CancelSignal.CancelledException {
        CompletableFuture<CreateTerminalResponse> creation = client.createTerminal(new CreateTerminalRequest(
                sessionId, "bash", List.of("-c", command), null, cwd.toString(), OUTPUT_BYTE_LIMIT));
        String terminalId;
        try {
            terminalId = calls.await(creation, cancel).terminalId();
        } catch (CancelSignal.CancelledException e) {
            creation.thenAccept(late -> client.releaseTerminal(new TerminalRequest(sessionId, late.terminalId())));
            throw e;
        }
        TerminalRequest terminal = new TerminalRequest(sessionId, terminalId);
        terminalStarted.accept(terminalId);
        try {
            return waitForResult(terminal, timeout, cancel);
        } catch (CancelSignal.CancelledException e) {
            client.killTerminal(terminal);
            throw e;
        } finally {
            client.releaseTerminal(terminal);
        }
    }

    private CommandResult waitForResult(TerminalRequest terminal, Duration timeout, CancelSignal cancel)
            throws IOException, CancelSignal.CancelledException {
        Integer exitCode;
        boolean timedOut = false;
        try {
            TerminalExitStatus exit = calls.await(client.waitForTerminalExit(terminal), cancel, timeout);
            exitCode = exit == null || exit.exitCode() == null ? null : exit.exitCode().intValue();
        } catch (ClientCalls.TimedOut e) {
            calls.await(client.killTerminal(terminal), cancel);
            exitCode = null;
            timedOut = true;
        }
        TerminalOutputResponse output = calls.await(client.terminalOutput(terminal), cancel);
        return new CommandResult(exitCode, output.output(), Boolean.TRUE.equals(output.truncated()), timedOut,
                terminal.terminalId());
    }
}
