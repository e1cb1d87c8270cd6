package dev.agentserver.server.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.ids.RandomIds;
import dev.agentserver.server.json.SharedMapper;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.ToolCallData;
import dev.agentserver.server.model.ToolReturn;
import dev.agentserver.server.tools.ApprovalInfo;
import dev.agentserver.server.tools.PreparedCall;
import dev.agentserver.server.tools.Tool;
import dev.agentserver.server.tools.ToolArgumentException;
import dev.agentserver.server.tools.ToolContext;
import dev.agentserver.server.tools.ToolPresentation;
import dev.agentserver.server.tools.ToolRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one tool call of a step: parse and check the arguments, ask for approval where the tool needs it
 * (unless yolo, or the action was approved for the session), run it, and report the result.
 */
final class ToolCallRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ToolCallRunner.class);

    static final String REJECTED_MESSAGE = "The tool call is rejected by the user. Stop what you are doing and wait "
            + "for the user to tell you how to proceed.";

    /** The result, and whether the user's rejection ends the turn. */
    record Outcome(ToolReturn result, boolean stopsTurn) {}

    private final ToolRegistry tools;
    private final Set<String> externalTools;
    private final ToolContext context;
    private final SessionApprovals approvals;
    private final TurnHost host;
    private final Consumer<AgentEvent> events;

    ToolCallRunner(ToolRegistry tools, Set<String> externalTools, ToolContext context, SessionApprovals approvals,
            TurnHost host, Consumer<AgentEvent> events) {
        this.tools = tools;
        this.externalTools = externalTools;
        this.context = context;
        this.approvals = approvals;
        this.host = host;
        this.events = events;
    }

    Outcome run(ToolCallData call, CancelSignal cancel) throws CancelSignal.CancelledException {
        if (call.name().equals(QuestionTool.NAME)) {
            events.accept(new AgentEvent.ToolCallReady(call.id(), call.name(), call.arguments(),
                    new ToolPresentation("Ask the user", "other", List.of())));
            events.accept(new AgentEvent.ToolCallRunning(call.id()));
            return new Outcome(QuestionTool.run(call.id(), call.arguments(), host, cancel), false);
        }
        Optional<Tool> tool = tools.find(call.name());
        if (tool.isEmpty()) {
            if (externalTools.contains(call.name())) {
                events.accept(new AgentEvent.ToolCallReady(call.id(), call.name(), call.arguments(),
                        new ToolPresentation(call.name(), "other", List.of())));
                events.accept(new AgentEvent.ToolCallRunning(call.id()));
                return new Outcome(Awaiting.await(host.callExternalTool(call.id(), call.name(), call.arguments()), cancel),
                        false);
            }
            return refuse(call, "Tool `" + call.name() + "` not found.", "Tool not found");
        }
        PreparedCall prepared;
        JsonNode arguments;
        try {
            arguments = parseArguments(call.arguments());
            prepared = tool.get().prepare(arguments, context);
        } catch (ToolArgumentException e) {
            return refuse(call, e.getMessage(), "Invalid arguments");
        }
        events.accept(new AgentEvent.ToolCallReady(call.id(), call.name(), call.arguments(), prepared.presentation()));
        HookVerdict preHook = Awaiting.await(host.runHooks("PreToolUse", call.name(), hookInput(call, arguments)), cancel);
        if (preHook.block()) {
            return new Outcome(ToolReturn.error("The tool call was blocked by a hook"
                    + (preHook.reason().isEmpty() ? "." : ": " + preHook.reason()), "Blocked by hook"), false);
        }
        ApprovalInfo approval = prepared.approval();
        if (approval != null && !approvals.isPreApproved(approval.action())) {
            ApprovalDecision decision = Awaiting.await(
                    host.requestApproval(new ApprovalQuestion(RandomIds.uuid(), call.id(), approval,
                            prepared.presentation())),
                    cancel);
            if (decision.verdict() == ApprovalDecision.Verdict.REJECT) {
                return new Outcome(rejected(decision.feedback()), decision.feedback().isEmpty());
            }
            if (decision.verdict() == ApprovalDecision.Verdict.APPROVE_FOR_SESSION) {
                approvals.approveForSession(approval.action());
            }
        }
        events.accept(new AgentEvent.ToolCallRunning(call.id()));
        ToolReturn result;
        try {
            result = prepared.run(cancel);
        } catch (RuntimeException e) {
            LOG.warn("tool {} failed", call.name(), e);
            result = ToolReturn.error("Tool `" + call.name() + "` failed: " + e.getMessage(), "Tool failed");
        }
        // PostToolUse hooks are told of the result; they cannot undo it, so their verdict is not used.
        Awaiting.await(host.runHooks(result.isError() ? "PostToolUseFailure" : "PostToolUse", call.name(),
                hookInput(call, arguments).put("is_error", result.isError())), cancel);
        return new Outcome(result, false);
    }

    private static ObjectNode hookInput(ToolCallData call, JsonNode arguments) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("tool_name", call.name());
        input.put("tool_call_id", call.id());
        input.set("tool_input", arguments);
        return input;
    }

    private Outcome refuse(ToolCallData call, String message, String brief) {
        events.accept(new AgentEvent.ToolCallReady(call.id(), call.name(), call.arguments(), null));
        return new Outcome(ToolReturn.error(message, brief), false);
    }

    private static JsonNode parseArguments(String arguments) throws ToolArgumentException {
        if (arguments == null || arguments.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = SharedMapper.MAPPER.readTree(arguments);
            if (!node.isObject()) {
                throw new ToolArgumentException("Tool arguments must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ToolArgumentException("Tool arguments are not valid JSON: " + e.getOriginalMessage());
        }
    }

    static ToolReturn rejected(String feedback) {
        if (feedback == null || feedback.isEmpty()) {
            return new ToolReturn(true, "", REJECTED_MESSAGE, List.of(new DisplayBlock.Brief("Rejected by user")));
        }
        return new ToolReturn(true, "", "The tool call is rejected by the user. User feedback: " + feedback,
                List.of(new DisplayBlock.Brief("Rejected: " + feedback)));
    }
}
