package dev.agentserver.server.wire;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentserver.protocol.wire.WireClient;
import dev.agentserver.protocol.wire.WireMessage;
import dev.agentserver.protocol.wire.WirePayloads;
import dev.agentserver.protocol.wire.WireTypes;
import dev.agentserver.server.agent.AgentEvent;
import dev.agentserver.server.agent.ApprovalDecision;
import dev.agentserver.server.agent.ApprovalQuestion;
import dev.agentserver.server.agent.TurnHost;
import dev.agentserver.server.model.ToolReturn;
import dev.agentserver.server.session.WireRecorder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * A turn as the wire client sees it: events as {@code event} notifications, approvals and client-side
 * tools as {@code request}s whose JSON-RPC id is the payload id.
 */
final class WireTurnHost implements TurnHost {

    private final WireClient client;
    private final Gson gson;
    private final PendingRequests pending;
    private final WireRecorder recorder;
    private final String turnId;

    WireTurnHost(WireClient client, Gson gson, PendingRequests pending, WireRecorder recorder, String turnId) {
        this.client = client;
        this.gson = gson;
        this.pending = pending;
        this.recorder = recorder;
        this.turnId = turnId;
    }

    @Override
    public void emit(AgentEvent event) {
        WireMessage message = WireEvents.toWire(event);
        if (message != null) {
            client.event(message);
        }
    }

    @Override
    public CompletableFuture<ApprovalDecision> requestApproval(ApprovalQuestion question) {
        CompletableFuture<ApprovalDecision> decision = new CompletableFuture<>();
        String id = question.id();
        pending.add(id, closed -> {
            announce(id, ApprovalDecision.REJECTED);
            decision.complete(ApprovalDecision.REJECTED);
        });
        // A cancelled turn cancels this future: the reject is announced then, before the turn's TurnEnd.
        decision.whenComplete((d, error) -> {
            if (error instanceof java.util.concurrent.CancellationException && pending.claim(id)) {
                announce(id, ApprovalDecision.REJECTED);
            }
        });
        List<Object> display = question.info().display().stream().map(WireEvents::display).toList();
        WirePayloads.ApprovalRequest payload = new WirePayloads.ApprovalRequest(id, question.toolCallId(),
                question.info().sender(), question.info().action(), question.info().description(),
                "foreground_turn", turnId, null, null, null, display);
        client.request(new WireMessage.Request(new WireMessage("ApprovalRequest", payload), id))
                .whenComplete((answer, error) -> {
                    if (pending.claim(id)) {
                        ApprovalDecision d = error == null ? approvalFrom(answer) : ApprovalDecision.REJECTED;
                        announce(id, d);
                        decision.complete(d);
                    }
                });
        return decision;
    }

    /** Every resolution is echoed as an ApprovalResponse event (not recorded: it is session traffic). */
    private void announce(String id, ApprovalDecision decision) {
        client.event(new WireMessage("ApprovalResponse",
                new WirePayloads.ApprovalResponse(id, decision.verdict().wireName(), decision.feedback())));
    }

    private ApprovalDecision approvalFrom(JsonElement answer) {
        try {
            WireTypes.ApprovalAnswer parsed = gson.fromJson(answer, WireTypes.ApprovalAnswer.class);
            ApprovalDecision.Verdict verdict = parsed == null ? null : ApprovalDecision.Verdict.fromWireName(parsed.response());
            return verdict == null ? ApprovalDecision.REJECTED : new ApprovalDecision(verdict, parsed.feedback());
        } catch (RuntimeException malformed) {
            return ApprovalDecision.REJECTED;
        }
    }

    @Override
    public CompletableFuture<ToolReturn> callExternalTool(String toolCallId, String name, String arguments) {
        CompletableFuture<ToolReturn> result = new CompletableFuture<>();
        pending.add(toolCallId, closed -> result.complete(closed
                ? ToolReturn.error("Wire connection closed before tool result was received.", "Wire closed")
                : ToolReturn.error("Agent turn ended before tool result was received.", "Turn ended")));
        result.whenComplete((r, error) -> {
            if (error instanceof java.util.concurrent.CancellationException) {
                pending.claim(toolCallId);
            }
        });
        WireMessage message = new WireMessage("ToolCallRequest", new WirePayloads.ToolCallRequest(toolCallId, name, arguments));
        recorder.record(message);
        client.request(new WireMessage.Request(message, toolCallId)).whenComplete((answer, error) -> {
            if (pending.claim(toolCallId)) {
                result.complete(error == null ? toolReturnFrom(answer) : toolError(error));
            }
        });
        return result;
    }

    private static ToolReturn toolError(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        String message = cause instanceof ResponseErrorException ree
                ? ree.getResponseError().getMessage() : String.valueOf(cause.getMessage());
        return ToolReturn.error(message, "External tool error");
    }

    private ToolReturn toolReturnFrom(JsonElement answer) {
        try {
            JsonObject value = answer.getAsJsonObject().getAsJsonObject("return_value");
            boolean isError = value.get("is_error").getAsBoolean();
            String output = outputText(value.get("output"));
            String message = value.has("message") && !value.get("message").isJsonNull()
                    ? value.get("message").getAsString() : "";
            return new ToolReturn(isError, output, message, List.of());
        } catch (RuntimeException malformed) {
            return ToolReturn.error("Invalid tool result payload from client.", "Invalid tool result");
        }
    }

    /** Output is a string or content parts; the model gets the text of the parts. */
    private static String outputText(JsonElement output) {
        if (output == null || output.isJsonNull()) {
            return "";
        }
        if (output.isJsonPrimitive()) {
            return output.getAsString();
        }
        StringBuilder text = new StringBuilder();
        JsonArray parts = output.getAsJsonArray();
        for (JsonElement part : parts) {
            JsonObject p = part.getAsJsonObject();
            if ("text".equals(p.get("type").getAsString())) {
                text.append(p.get("text").getAsString());
            }
        }
        return text.toString();
    }
}
