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
import dev.agentserver.server.agent.HookVerdict;
import dev.agentserver.server.agent.TurnHost;
import dev.agentserver.server.agent.UserQuestion;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import dev.agentserver.server.ids.RandomIds;
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
    private final boolean supportsQuestions;
    private final HookSubscriptions hooks;

    WireTurnHost(WireClient client, Gson gson, PendingRequests pending, WireRecorder recorder, String turnId,
            boolean supportsQuestions, HookSubscriptions hooks) {
        this.client = client;
        this.gson = gson;
        this.pending = pending;
        this.recorder = recorder;
        this.turnId = turnId;
        this.supportsQuestions = supportsQuestions;
        this.hooks = hooks;
    }

    @Override
    public boolean supportsQuestions() {
        return supportsQuestions;
    }

    @Override
    public CompletableFuture<Map<String, String>> askQuestions(String toolCallId, List<UserQuestion> questions) {
        String id = RandomIds.uuid();
        CompletableFuture<Map<String, String>> answers = new CompletableFuture<>();
        pending.add(id, closed -> answers.complete(Map.of()));
        answers.whenComplete((a, error) -> {
            if (error instanceof CancellationException) {
                pending.claim(id);
            }
        });
        List<WirePayloads.Question> wireQuestions = questions.stream().map(q -> new WirePayloads.Question(q.question(),
                q.header(), q.options().stream().map(o -> new WirePayloads.QuestionOption(o.label(), o.description())).toList(),
                q.multiSelect(), "", "", "")).toList();
        WireMessage message = new WireMessage("QuestionRequest", new WirePayloads.QuestionRequest(id, toolCallId, wireQuestions));
        recorder.record(message);
        client.request(new WireMessage.Request(message, id)).whenComplete((answer, error) -> {
            if (pending.claim(id)) {
                answers.complete(error == null ? answersFrom(answer) : Map.of());
            }
        });
        return answers;
    }

    /** {@code {"answers": {"question": "label, label"}}}; anything malformed counts as dismissed. */
    private static Map<String, String> answersFrom(JsonElement answer) {
        try {
            Map<String, String> result = new LinkedHashMap<>();
            answer.getAsJsonObject().getAsJsonObject("answers").entrySet()
                    .forEach(e -> result.put(e.getKey(), e.getValue().getAsString()));
            return result;
        } catch (RuntimeException malformed) {
            return Map.of();
        }
    }

    /**
     * Sends a HookRequest to every matching subscription at once; the hooks block if any blocks. A hook
     * that errs, answers malformed, or does not answer in its timeout allows (hooks fail open).
     */
    @Override
    public CompletableFuture<HookVerdict> runHooks(String event, String target, ObjectNode input) {
        List<HookSubscriptions.Subscription> matching = hooks.matching(event, target);
        if (matching.isEmpty()) {
            return CompletableFuture.completedFuture(HookVerdict.ALLOW);
        }
        long started = System.nanoTime();
        emitRecorded(new WireMessage("HookTriggered", new WirePayloads.HookTriggered(event, target, matching.size())));
        JsonObject inputData = JsonParser.parseString(input.toString()).getAsJsonObject();
        List<CompletableFuture<HookVerdict>> verdicts = matching.stream()
                .map(s -> askHook(s, event, target, inputData)).toList();
        return CompletableFuture.allOf(verdicts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            HookVerdict verdict = verdicts.stream().map(CompletableFuture::join).filter(HookVerdict::block)
                    .findFirst().orElse(HookVerdict.ALLOW);
            long millis = (System.nanoTime() - started) / 1_000_000;
            emitRecorded(new WireMessage("HookResolved", new WirePayloads.HookResolved(event, target,
                    verdict.block() ? "block" : "allow", verdict.reason(), millis)));
            return verdict;
        });
    }

    private CompletableFuture<HookVerdict> askHook(HookSubscriptions.Subscription subscription, String event,
            String target, JsonObject inputData) {
        String id = RandomIds.uuid();
        CompletableFuture<HookVerdict> verdict = new CompletableFuture<>();
        pending.add(id, closed -> verdict.complete(HookVerdict.ALLOW));
        WireMessage message = new WireMessage("HookRequest",
                new WirePayloads.HookRequest(id, subscription.id(), event, target, inputData));
        recorder.record(message);
        client.request(new WireMessage.Request(message, id))
                .orTimeout(subscription.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((answer, error) -> {
                    if (pending.claim(id)) {
                        verdict.complete(error == null ? hookVerdictFrom(answer) : HookVerdict.ALLOW);
                    }
                });
        return verdict;
    }

    private static HookVerdict hookVerdictFrom(JsonElement answer) {
        try {
            JsonObject result = answer.getAsJsonObject();
            boolean block = result.has("action") && "block".equals(result.get("action").getAsString());
            String reason = result.has("reason") && !result.get("reason").isJsonNull() ? result.get("reason").getAsString() : "";
            return new HookVerdict(block, reason);
        } catch (RuntimeException malformed) {
            return HookVerdict.ALLOW;
        }
    }

    private void emitRecorded(WireMessage message) {
        recorder.record(message);
        client.event(message);
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
        String id = question.id();
        // A cancelled turn cancels this future. The reject is announced inside cancel(), before the
        // future is marked cancelled: a whenComplete callback would run after the waiting turn thread
        // had already been woken, and its TurnEnd could overtake the ApprovalResponse.
        CompletableFuture<ApprovalDecision> decision = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                if (pending.claim(id)) {
                    announce(id, ApprovalDecision.REJECTED);
                }
                return super.cancel(mayInterruptIfRunning);
            }
        };
        pending.add(id, closed -> {
            announce(id, ApprovalDecision.REJECTED);
            decision.complete(ApprovalDecision.REJECTED);
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
