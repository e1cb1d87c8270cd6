package dev.agentserver.server.acp;

import dev.agentserver.protocol.acp.AcpClient;
import dev.agentserver.protocol.acp.ClientRequests.PermissionOption;
import dev.agentserver.protocol.acp.ClientRequests.PermissionOptionKind;
import dev.agentserver.protocol.acp.ClientRequests.PermissionToolCall;
import dev.agentserver.protocol.acp.ClientRequests.RequestPermissionRequest;
import dev.agentserver.protocol.acp.ClientResponses.PermissionOutcome;
import dev.agentserver.protocol.acp.ClientResponses.RequestPermissionResponse;
import dev.agentserver.protocol.acp.ToolCallStatus;
import dev.agentserver.protocol.acp.ToolKind;
import dev.agentserver.server.agent.ApprovalDecision;
import dev.agentserver.server.agent.ApprovalQuestion;
import dev.agentserver.server.model.CancelSignal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks the user about a tool call with {@code session/request_permission} and turns the answer into the
 * core's decision. "Allow always" approves the action for the session (the core remembers it); "reject
 * always" is remembered here, and later calls of that action are refused without asking, with a note
 * that lets the model carry on. A "cancelled" outcome means the turn is being cancelled.
 */
final class PermissionRequests {

    private static final List<PermissionOption> OPTIONS = List.of(
            new PermissionOption("allow_once", "Allow", PermissionOptionKind.ALLOW_ONCE),
            new PermissionOption("allow_always", "Allow for this session", PermissionOptionKind.ALLOW_ALWAYS),
            new PermissionOption("reject_once", "Reject", PermissionOptionKind.REJECT_ONCE),
            new PermissionOption("reject_always", "Reject for this session", PermissionOptionKind.REJECT_ALWAYS));

    static final String REMEMBERED_REJECTION = "The user has rejected this kind of action for the rest of the "
            + "session. Do not try it again; find another way or ask the user.";

    private final AcpClient client;
    private final String sessionId;
    private final Set<String> rejectedActions = ConcurrentHashMap.newKeySet();

    PermissionRequests(AcpClient client, String sessionId) {
        this.client = client;
        this.sessionId = sessionId;
    }

    /** @param turnCancel cancelled when the client answers "cancelled" */
    CompletableFuture<ApprovalDecision> ask(ApprovalQuestion question, CancelSignal turnCancel) {
        String action = question.info().action();
        if (rejectedActions.contains(action)) {
            return CompletableFuture.completedFuture(
                    new ApprovalDecision(ApprovalDecision.Verdict.REJECT, REMEMBERED_REJECTION));
        }
        PermissionToolCall toolCall = new PermissionToolCall(question.toolCallId(), question.presentation().title(),
                ToolKind.named(question.presentation().kind()), ToolCallStatus.PENDING,
                ToolCallViews.approvalContent(question.info().display()), null);
        return client.requestPermission(new RequestPermissionRequest(sessionId, toolCall, OPTIONS))
                .handle((answer, error) -> error == null ? decide(answer, action, turnCancel) : ApprovalDecision.REJECTED);
    }

    private ApprovalDecision decide(RequestPermissionResponse answer, String action, CancelSignal turnCancel) {
        return switch (answer.outcome()) {
            case PermissionOutcome.Cancelled cancelled -> {
                turnCancel.cancel();
                yield ApprovalDecision.REJECTED;
            }
            case PermissionOutcome.Selected selected -> switch (selected.optionId()) {
                case "allow_once" -> new ApprovalDecision(ApprovalDecision.Verdict.APPROVE, "");
                case "allow_always" -> new ApprovalDecision(ApprovalDecision.Verdict.APPROVE_FOR_SESSION, "");
                case "reject_always" -> {
                    rejectedActions.add(action);
                    yield ApprovalDecision.REJECTED;
                }
                default -> ApprovalDecision.REJECTED;
            };
        };
    }
}
