package dev.agentserver.protocol.acp;

import com.google.gson.JsonObject;
import dev.agentserver.protocol.acp.ClientRequests.CreateTerminalRequest;
import dev.agentserver.protocol.acp.ClientRequests.ReadTextFileRequest;
import dev.agentserver.protocol.acp.ClientRequests.RequestPermissionRequest;
import dev.agentserver.protocol.acp.ClientRequests.SessionNotification;
import dev.agentserver.protocol.acp.ClientRequests.TerminalRequest;
import dev.agentserver.protocol.acp.ClientRequests.WriteTextFileRequest;
import dev.agentserver.protocol.acp.ClientResponses.CreateTerminalResponse;
import dev.agentserver.protocol.acp.ClientResponses.ReadTextFileResponse;
import dev.agentserver.protocol.acp.ClientResponses.RequestPermissionResponse;
import dev.agentserver.protocol.acp.ClientResponses.TerminalExitStatus;
import dev.agentserver.protocol.acp.ClientResponses.TerminalOutputResponse;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/**
 * ACP v1, what the agent sends the client. {@code fs/*} and {@code terminal/*} may be called only when
 * the client advertised them; {@code session/request_permission} every client implements.
 */
public interface AcpClient {

    @JsonNotification("session/update")
    void sessionUpdate(SessionNotification params);

    @JsonRequest("session/request_permission")
    CompletableFuture<RequestPermissionResponse> requestPermission(RequestPermissionRequest params);

    /** May return the editor's unsaved contents. */
    @JsonRequest("fs/read_text_file")
    CompletableFuture<ReadTextFileResponse> readTextFile(ReadTextFileRequest params);

    /** The answer is {@code {}} or null; either means done. */
    @JsonRequest("fs/write_text_file")
    CompletableFuture<JsonObject> writeTextFile(WriteTextFileRequest params);

    @JsonRequest("terminal/create")
    CompletableFuture<CreateTerminalResponse> createTerminal(CreateTerminalRequest params);

    @JsonRequest("terminal/output")
    CompletableFuture<TerminalOutputResponse> terminalOutput(TerminalRequest params);

    @JsonRequest("terminal/wait_for_exit")
    CompletableFuture<TerminalExitStatus> waitForTerminalExit(TerminalRequest params);

    /** Kills the command; the terminal stays valid until released. */
    @JsonRequest("terminal/kill")
    CompletableFuture<JsonObject> killTerminal(TerminalRequest params);

    /** Kills the command if it still runs and frees the terminal; every created terminal must be released. */
    @JsonRequest("terminal/release")
    CompletableFuture<JsonObject> releaseTerminal(TerminalRequest params);
}
