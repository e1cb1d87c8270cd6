package dev.agentserver.server.acp;

import dev.agentserver.protocol.acp.SessionUpdate;
import dev.agentserver.protocol.acp.ToolCallContent;
import dev.agentserver.protocol.acp.ToolCallStatus;
import dev.agentserver.server.agent.AgentEvent;
import dev.agentserver.server.agent.ApprovalDecision;
import dev.agentserver.server.agent.ApprovalQuestion;
import dev.agentserver.server.agent.TurnHost;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.ToolReturn;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One turn as an ACP client sees it: the core's events as {@code session/update}s, approvals as
 * permission requests. A tool call is announced pending when it is ready (before any permission request),
 * moves to in_progress when it runs, and ends completed or failed with its content. Events an editor has
 * no use for (steps, retries, the turn's edges) are not sent.
 */
final class AcpTurnHost implements TurnHost {

    private final SessionUpdates updates;
    private final PermissionRequests permissions;
    private final CancelSignal cancel;
    /** The terminal each running call was given, to show in its final content. */
    private final Map<String, String> terminals = new ConcurrentHashMap<>();
    private volatile String runningCallId;

    AcpTurnHost(SessionUpdates updates, PermissionRequests permissions, CancelSignal cancel) {
        this.updates = updates;
        this.permissions = permissions;
        this.cancel = cancel;
    }

    @Override
    public void emit(AgentEvent event) {
        switch (event) {
            case AgentEvent.Content content -> {
                SessionUpdate chunk = MessageChunks.agentChunk(content.part());
                if (chunk != null) {
                    updates.send(chunk);
                }
            }
            case AgentEvent.ToolCallReady ready -> updates.send(ToolCallViews.announced(ready.id(), ready.name(),
                    ready.arguments(), ready.presentation(), ToolCallStatus.PENDING, null));
            case AgentEvent.ToolCallRunning running -> {
                runningCallId = running.id();
                updates.send(SessionUpdate.ToolCallUpdate.status(running.id(), ToolCallStatus.IN_PROGRESS));
            }
            case AgentEvent.ToolCallResult done -> finish(done.toolCallId(), done.result());
            case AgentEvent.Status status -> {
                if (status.contextTokens() != null && status.maxContextTokens() != null) {
                    updates.send(new SessionUpdate.UsageUpdate(status.contextTokens(), status.maxContextTokens()));
                }
            }
            default -> { }
        }
    }

    private void finish(String toolCallId, ToolReturn result) {
        if (toolCallId.equals(runningCallId)) {
            runningCallId = null;
        }
        List<ToolCallContent> content = ToolCallViews.resultContent(result, terminals.remove(toolCallId));
        updates.send(new SessionUpdate.ToolCallUpdate(toolCallId, null, null, ToolCallViews.finalStatus(result),
                content, null, null, null));
        SessionUpdate.Plan plan = ToolCallViews.plan(result);
        if (plan != null) {
            updates.send(plan);
        }
    }

    /** The editor's terminal now runs the current call's command: show it in the call at once. */
    void terminalStarted(String terminalId) {
        String callId = runningCallId;
        if (callId != null) {
            terminals.put(callId, terminalId);
            updates.send(SessionUpdate.ToolCallUpdate.content(callId, List.of(new ToolCallContent.Terminal(terminalId))));
        }
    }

    @Override
    public CompletableFuture<ApprovalDecision> requestApproval(ApprovalQuestion question) {
        return permissions.ask(question, cancel);
    }

    /** ACP clients register no tools of their own, so the core never has one to call here. */
    @Override
    public CompletableFuture<ToolReturn> callExternalTool(String toolCallId, String name, String arguments) {
        return CompletableFuture.completedFuture(ToolReturn.error(
                "Tool `" + name + "` is not available: ACP clients do not provide tools.", "Tool not available"));
    }
}
