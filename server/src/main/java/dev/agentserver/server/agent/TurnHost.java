package dev.agentserver.server.agent;

import dev.agentserver.server.model.ToolReturn;
import java.util.concurrent.CompletableFuture;

/**
 * The front end as a turn sees it: where events go, who answers approvals, who runs client-side tools.
 * Implementations must not block in {@link #emit}; the futures may complete on any thread.
 */
public interface TurnHost {

    void emit(AgentEvent event);

    /** Asks the user; the future completes with the decision (a reject when the client cannot be asked). */
    CompletableFuture<ApprovalDecision> requestApproval(ApprovalQuestion question);

    /** Runs a tool that the client registered (wire {@code external_tools}). */
    CompletableFuture<ToolReturn> callExternalTool(String toolCallId, String name, String arguments);
}
