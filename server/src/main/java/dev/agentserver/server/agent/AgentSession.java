package dev.agentserver.server.agent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.llm.ChatMessage;
import dev.agentserver.server.llm.ChatProvider;
import dev.agentserver.server.llm.ChatRequest;
import dev.agentserver.server.llm.ProviderException;
import dev.agentserver.server.llm.ToolSpec;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.TokenUsage;
import dev.agentserver.server.model.ToolCallData;
import dev.agentserver.server.model.ToolReturn;
import dev.agentserver.server.tools.Tool;
import dev.agentserver.server.tools.ToolContext;
import dev.agentserver.server.tools.ToolRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent session and its turn loop. A turn runs steps; a step streams one completion, runs the tool
 * calls it asked for, and the loop goes on until the model stops calling tools, the step limit is hit,
 * the user rejects a call, or the turn is cancelled. Steering input is taken between steps.
 *
 * <p>One turn at a time: the front ends enforce that, this class assumes it.
 */
public final class AgentSession {

    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);

    private final String id;
    /** Switchable between turns (ACP's model and thinking options); read once per step. */
    private volatile ChatProvider provider;
    private volatile Long maxContextTokens;
    private volatile boolean thinking;
    private final ToolRegistry tools;
    private final ToolContext toolContext;
    private final Conversation conversation;
    private final Consumer<AgentEvent> recorder;
    private final TurnSettings settings;
    private final Sleeper sleeper;
    private final SessionApprovals approvals;
    private final Queue<UserInput> steers = new ConcurrentLinkedQueue<>();
    private final Map<String, ToolSpec> externalTools = new LinkedHashMap<>();
    private volatile boolean planMode;

    /**
     * @param provider the model, or null when none is configured (turns then fail with LLM_NOT_SET)
     * @param recorder receives every event before the front end does (the session log)
     */
    public AgentSession(String id, ChatProvider provider, ToolRegistry tools, ToolContext toolContext,
            Conversation conversation, Consumer<AgentEvent> recorder, TurnSettings settings, Sleeper sleeper,
            SessionApprovals approvals) {
        this.id = id;
        this.provider = provider;
        this.maxContextTokens = settings.maxContextTokens();
        this.thinking = settings.thinking();
        this.tools = tools;
        this.toolContext = toolContext;
        this.conversation = conversation;
        this.recorder = recorder;
        this.settings = settings;
        this.sleeper = sleeper;
        this.approvals = approvals;
    }

    public String id() {
        return id;
    }

    public ToolContext toolContext() {
        return toolContext;
    }

    public SessionApprovals approvals() {
        return approvals;
    }

    public boolean planMode() {
        return planMode;
    }

    public void setPlanMode(boolean planMode) {
        this.planMode = planMode;
    }

    public boolean hasModel() {
        return provider != null;
    }

    /** Uses another model from the next step on; {@code contextWindow} may be null when unknown. */
    public void switchModel(ChatProvider newProvider, Long contextWindow) {
        this.provider = newProvider;
        this.maxContextTokens = contextWindow;
    }

    public boolean thinking() {
        return thinking;
    }

    public void setThinking(boolean thinking) {
        this.thinking = thinking;
    }

    /** Registers (or replaces) a tool that the client runs; built-in names are refused by the caller. */
    public synchronized void registerExternalTool(ToolSpec spec) {
        externalTools.put(spec.name(), spec);
    }

    public boolean isBuiltinTool(String name) {
        return tools.find(name).isPresent();
    }

    /** Queues input for the running turn; it is taken after the current step. */
    public void steer(UserInput input) {
        steers.add(input);
    }

    /**
     * Runs one turn to its end. Emits {@code TurnBegin} first and {@code TurnEnd} last on every path.
     *
     * @throws TurnFailure when the turn ended in error (after TurnEnd was emitted)
     */
    public TurnResult runTurn(UserInput input, TurnHost host, CancelSignal cancel) throws TurnFailure {
        Consumer<AgentEvent> events = event -> {
            recorder.accept(event);
            host.emit(event);
        };
        events.accept(new AgentEvent.TurnBegin(input));
        try {
            SlashCommands.Result slash = SlashCommands.run(input, this, conversation);
            if (slash != null) {
                events.accept(new AgentEvent.Content(new ContentPart.Text(slash.reply())));
                events.accept(new AgentEvent.Status(null, null, null, null, null));
                return new TurnResult(TurnResult.Outcome.FINISHED, 0);
            }
            if (provider == null) {
                throw new TurnFailure(TurnFailure.Kind.LLM_NOT_SET, "LLM is not set", null);
            }
            ObjectNode hookInput = JsonNodeFactory.instance.objectNode().put("prompt", input.plainText());
            HookVerdict verdict = Awaiting.await(host.runHooks("UserPromptSubmit", "", hookInput), cancel);
            if (verdict.block()) {
                events.accept(new AgentEvent.Content(new ContentPart.Text(
                        verdict.reason().isEmpty() ? "Prompt blocked by hook." : verdict.reason())));
                return new TurnResult(TurnResult.Outcome.FINISHED, 0);
            }
            conversation.add(ChatMessage.user(input.parts()));
            return runSteps(host, events, cancel);
        } catch (CancelSignal.CancelledException e) {
            return new TurnResult(TurnResult.Outcome.CANCELLED, 0);
        } catch (TurnFailure failure) {
            throw failure;
        } catch (RuntimeException unexpected) {
            LOG.error("turn failed", unexpected);
            throw new TurnFailure(TurnFailure.Kind.INTERNAL,
                    unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage(), unexpected);
        } finally {
            events.accept(new AgentEvent.TurnEnd());
        }
    }

    private TurnResult runSteps(TurnHost host, Consumer<AgentEvent> events, CancelSignal cancel)
            throws CancelSignal.CancelledException, TurnFailure {
        ToolCallRunner runner = new ToolCallRunner(tools, externalToolNames(), toolContext, approvals, host, events);
        for (int step = 1; ; step++) {
            cancel.throwIfCancelled();
            events.accept(new AgentEvent.StepBegin(step));
            StepReply reply = streamStep(step, events, cancel, host.supportsQuestions());
            List<ToolCallData> calls = reply.toolCalls();
            conversation.add(ChatMessage.assistant(reply.content(), calls));
            events.accept(status(reply.usage(), reply.messageId()));
            boolean stop = runToolCalls(calls, runner, events, cancel);
            if (stop) {
                return new TurnResult(TurnResult.Outcome.FINISHED, step);
            }
            boolean steered = takeSteers(events);
            if (calls.isEmpty() && !steered) {
                return new TurnResult(TurnResult.Outcome.FINISHED, step);
            }
            if (step >= settings.maxStepsPerTurn()) {
                return new TurnResult(TurnResult.Outcome.MAX_STEPS_REACHED, step);
            }
        }
    }

    /** Streams one completion, retrying retryable errors with backoff and announcing each retry. */
    private StepReply streamStep(int step, Consumer<AgentEvent> events, CancelSignal cancel, boolean offerQuestions)
            throws CancelSignal.CancelledException, TurnFailure {
        RetryPolicy retry = settings.retryPolicy();
        for (int attempt = 1; ; attempt++) {
            StepReply reply = new StepReply(events);
            try {
                provider.stream(request(offerQuestions), reply, cancel);
                if (reply.isEmpty()) {
                    throw new ProviderException(ProviderException.Kind.RETRYABLE, "APIEmptyResponseError", null,
                            "The model returned an empty response.");
                }
                return reply;
            } catch (ProviderException e) {
                cancel.throwIfCancelled();
                if (e.kind() == ProviderException.Kind.RETRYABLE && attempt < retry.maxAttempts()) {
                    Duration wait = retry.delayBefore(attempt + 1);
                    LOG.info("step {} attempt {} failed ({}), retrying in {} ms", step, attempt, e.errorType(), wait.toMillis());
                    events.accept(new AgentEvent.StepRetry(step, attempt + 1, retry.maxAttempts(),
                            wait.toMillis() / 1000.0, e.errorType(), e.statusCode()));
                    sleeper.sleep(wait, cancel);
                    continue;
                }
                events.accept(new AgentEvent.StepInterrupted());
                throw new TurnFailure(e.kind() == ProviderException.Kind.AUTH_REQUIRED
                        ? TurnFailure.Kind.AUTH_REQUIRED : TurnFailure.Kind.PROVIDER_ERROR, e.getMessage(), e);
            }
        }
    }

    /** Runs the calls in order; returns true when the user's rejection ends the turn. */
    private boolean runToolCalls(List<ToolCallData> calls, ToolCallRunner runner, Consumer<AgentEvent> events,
            CancelSignal cancel) throws CancelSignal.CancelledException {
        for (int i = 0; i < calls.size(); i++) {
            ToolCallData call = calls.get(i);
            ToolCallRunner.Outcome outcome;
            try {
                outcome = runner.run(call, cancel);
            } catch (CancelSignal.CancelledException e) {
                closeUnanswered(calls.subList(i, calls.size()), "The tool call was cancelled by the user.");
                throw e;
            }
            events.accept(new AgentEvent.ToolCallResult(call.id(), outcome.result()));
            conversation.add(ChatMessage.toolResult(call.id(), modelText(outcome.result())));
            if (outcome.stopsTurn()) {
                closeUnanswered(calls.subList(i + 1, calls.size()), "Not run: the user rejected an earlier tool call.");
                return true;
            }
        }
        return false;
    }

    /** Every tool call in the history needs a result, or the next request is malformed. */
    private void closeUnanswered(List<ToolCallData> calls, String why) {
        for (ToolCallData call : calls) {
            conversation.add(ChatMessage.toolResult(call.id(), why));
        }
    }

    private boolean takeSteers(Consumer<AgentEvent> events) {
        boolean any = false;
        UserInput input;
        while ((input = steers.poll()) != null) {
            conversation.add(ChatMessage.user(input.parts()));
            events.accept(new AgentEvent.SteerInput(input));
            any = true;
        }
        return any;
    }

    private static String modelText(ToolReturn result) {
        if (result.output().isEmpty()) {
            return result.message();
        }
        return result.message().isEmpty() ? result.output() : result.output() + "\n\n" + result.message();
    }

    private AgentEvent.Status status(TokenUsage usage, String messageId) {
        Long contextTokens = usage == null ? null : usage.total();
        return new AgentEvent.Status(usage, contextTokens, maxContextTokens, messageId, planMode);
    }

    private ChatRequest request(boolean offerQuestions) {
        List<ChatMessage> messages = new ArrayList<>();
        if (settings.systemPrompt() != null) {
            messages.add(ChatMessage.system(settings.systemPrompt()));
        }
        messages.addAll(conversation.snapshot());
        List<ToolSpec> specs = new ArrayList<>();
        for (Tool tool : tools.all()) {
            specs.add(new ToolSpec(tool.name(), tool.description(), tool.parameters()));
        }
        if (offerQuestions) {
            specs.add(QuestionTool.spec());
        }
        synchronized (this) {
            specs.addAll(externalTools.values());
        }
        return new ChatRequest(messages, specs, thinking);
    }

    private synchronized java.util.Set<String> externalToolNames() {
        return java.util.Set.copyOf(externalTools.keySet());
    }
}
