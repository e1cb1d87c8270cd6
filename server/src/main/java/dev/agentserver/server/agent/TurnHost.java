package dev.agentserver.server.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.model.ToolReturn;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The front end as a turn sees it: where events go, who answers approvals and questions, who runs
 * client-side tools and hooks. Implementations must not block in {@link #emit}; the futures may
 * complete on any thread.
 */
public interface TurnHost {

    void emit(AgentEvent event);

    /** Asks the user; the future completes with the decision (a reject when the client cannot be asked). */
    CompletableFuture<ApprovalDecision> requestApproval(ApprovalQuestion question);

    /** Runs a tool that the client registered (wire {@code external_tools}). */
    CompletableFuture<ToolReturn> callExternalTool(String toolCallId, String name, String arguments);

    /** Whether the client can answer {@link #askQuestions}; the question tool is offered only then. */
    default boolean supportsQuestions() {
        return false;
    }

    /**
     * Asks the user multiple-choice questions; completes with the answers by question text, empty when
     * the user dismissed them.
     */
    default CompletableFuture<Map<String, String>> askQuestions(String toolCallId, List<UserQuestion> questions) {
        return CompletableFuture.completedFuture(Map.of());
    }

    /** Runs the client's hooks subscribed to {@code event} for {@code target}; no hooks means allow. */
    default CompletableFuture<HookVerdict> runHooks(String event, String target, ObjectNode input) {
        return CompletableFuture.completedFuture(HookVerdict.ALLOW);
    }
}
