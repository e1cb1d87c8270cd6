package dev.agentserver.server.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentserver.protocol.jsonrpc.RpcErrorCodes;
import dev.agentserver.protocol.jsonrpc.RpcExceptions;
import dev.agentserver.protocol.wire.WireAgent;
import dev.agentserver.protocol.wire.WireClient;
import dev.agentserver.protocol.wire.WireMessage;
import dev.agentserver.protocol.wire.WireResults;
import dev.agentserver.protocol.wire.WireTypes;
import dev.agentserver.server.agent.AgentSession;
import dev.agentserver.server.agent.TurnFailure;
import dev.agentserver.server.agent.TurnResult;
import dev.agentserver.server.ids.RandomIds;
import dev.agentserver.server.json.SharedMapper;
import dev.agentserver.server.llm.ToolSpec;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.runtime.ServerVersion;
import dev.agentserver.server.session.SessionFiles;
import dev.agentserver.server.session.WireRecorder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire front end: a thin adapter from wire methods to one {@link AgentSession}. It owns the busy
 * rule (one prompt or replay at a time), the pending agent-to-client requests, and the translation of a
 * turn's end into the prompt's result or error.
 */
public final class WireServer implements WireAgent {

    private static final Logger LOG = LoggerFactory.getLogger(WireServer.class);

    static final List<String> HOOK_EVENTS = List.of("PreToolUse", "PostToolUse", "PostToolUseFailure",
            "UserPromptSubmit", "Stop", "StopFailure", "SessionStart", "SessionEnd", "SubagentStart", "SubagentStop",
            "PreCompact", "PostCompact", "Notification");

    /** What is running: a prompt turn or a replay, with its cancel. */
    private record Work(boolean isTurn, CancelSignal cancel, CompletableFuture<?> done) {}

    private final AgentSession session;
    private final SessionFiles files;
    private final WireRecorder recorder;
    private final ExecutorService executor;
    private final Consumer<String> clientNameListener;
    private final AtomicReference<Work> running = new AtomicReference<>();
    private final PendingRequests pending = new PendingRequests();
    private final Map<String, Integer> hookCounts = new LinkedHashMap<>();
    private final HookSubscriptions hookSubscriptions = new HookSubscriptions();
    private volatile boolean supportsQuestions;
    private WireClient client;
    private Gson gson;

    public WireServer(AgentSession session, SessionFiles files, WireRecorder recorder, ExecutorService executor,
            Consumer<String> clientNameListener) {
        this.session = session;
        this.files = files;
        this.recorder = recorder;
        this.executor = executor;
        this.clientNameListener = clientNameListener;
    }

    /** Connects the peer; called once, before the first message is read. */
    public void connect(WireClient client, Gson gson) {
        this.client = client;
        this.gson = gson;
    }

    @Override
    public CompletableFuture<JsonObject> initialize(WireTypes.InitializeParams params) {
        if (running.get() != null) {
            return CompletableFuture.failedFuture(WireErrors.busy());
        }
        if (params.client() != null && params.client().name() != null) {
            clientNameListener.accept(params.client().name());
        }
        supportsQuestions = params.capabilities() != null && Boolean.TRUE.equals(params.capabilities().supportsQuestion());
        JsonObject result = new JsonObject();
        result.addProperty("protocol_version", "1.10");
        JsonObject server = new JsonObject();
        server.addProperty("name", "Kimi Code CLI");
        server.addProperty("version", ServerVersion.VERSION);
        result.add("server", server);
        result.add("slash_commands", slashCommands());
        if (params.externalTools() != null && !params.externalTools().isEmpty()) {
            result.add("external_tools", registerExternalTools(params.externalTools()));
        }
        result.add("hooks", hooks(params.hooks()));
        JsonObject capabilities = new JsonObject();
        capabilities.addProperty("supports_question", true);
        result.add("capabilities", capabilities);
        return CompletableFuture.completedFuture(result);
    }

    private static JsonArray slashCommands() {
        JsonArray commands = new JsonArray();
        commands.add(slashCommand("clear", "Clear the context", List.of("reset")));
        commands.add(slashCommand("yolo", "Toggle auto-approval of every action", List.of()));
        return commands;
    }

    private static JsonObject slashCommand(String name, String description, List<String> aliases) {
        JsonObject command = new JsonObject();
        command.addProperty("name", name);
        command.addProperty("description", description);
        JsonArray list = new JsonArray();
        aliases.forEach(list::add);
        command.add("aliases", list);
        return command;
    }

    private JsonObject registerExternalTools(List<WireTypes.ExternalTool> tools) {
        JsonArray accepted = new JsonArray();
        JsonArray rejected = new JsonArray();
        for (WireTypes.ExternalTool tool : tools) {
            String reason = null;
            if (session.isBuiltinTool(tool.name())) {
                reason = "conflicts with builtin tool";
            } else if (tool.parameters() == null || !isObjectSchema(tool.parameters())) {
                reason = "invalid schema";
            }
            if (reason == null) {
                session.registerExternalTool(new ToolSpec(tool.name(),
                        tool.description() == null ? "" : tool.description(), toJackson(tool.parameters())));
                accepted.add(tool.name());
            } else {
                JsonObject entry = new JsonObject();
                entry.addProperty("name", tool.name());
                entry.addProperty("reason", reason);
                rejected.add(entry);
            }
        }
        JsonObject result = new JsonObject();
        result.add("accepted", accepted);
        result.add("rejected", rejected);
        return result;
    }

    private static boolean isObjectSchema(JsonObject schema) {
        JsonElement type = schema.get("type");
        return type == null || (type.isJsonPrimitive() && "object".equals(type.getAsString()));
    }

    private ObjectNode toJackson(JsonObject schema) {
        try {
            return (ObjectNode) SharedMapper.MAPPER.readTree(gson.toJson(schema));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("invalid schema", e);
        }
    }

    private JsonObject hooks(List<WireTypes.HookSubscription> subscriptions) {
        synchronized (hookCounts) {
            if (subscriptions != null) {
                for (WireTypes.HookSubscription s : subscriptions) {
                    if (hookSubscriptions.add(s)) {
                        hookCounts.merge(s.event(), 1, Integer::sum);
                    } else {
                        LOG.warn("dropped a hook subscription for unknown event {}", s.event());
                    }
                }
            }
            JsonObject hooks = new JsonObject();
            JsonArray events = new JsonArray();
            HOOK_EVENTS.forEach(events::add);
            hooks.add("supported_events", events);
            JsonObject configured = new JsonObject();
            hookCounts.forEach(configured::addProperty);
            hooks.add("configured", configured);
            return hooks;
        }
    }

    @Override
    public CompletableFuture<JsonObject> prompt(WireTypes.UserInputParams params) {
        CompletableFuture<JsonObject> response = new CompletableFuture<>();
        Work work = new Work(true, new CancelSignal(), response);
        if (!running.compareAndSet(null, work)) {
            return CompletableFuture.failedFuture(WireErrors.busy());
        }
        WireTurnHost host = new WireTurnHost(client, gson, pending, recorder, RandomIds.uuid(),
                supportsQuestions, hookSubscriptions);
        executor.execute(() -> {
            JsonObject result = null;
            RuntimeException error = null;
            try {
                TurnResult turn = session.runTurn(WireInputs.toCore(params.userInput()), host, work.cancel());
                result = switch (turn.outcome()) {
                    case FINISHED -> WireResults.promptFinished();
                    case CANCELLED -> WireResults.promptCancelled();
                    case MAX_STEPS_REACHED -> WireResults.promptMaxSteps(turn.steps());
                };
            } catch (TurnFailure failure) {
                error = WireErrors.of(failure);
            } catch (RuntimeException unexpected) {
                LOG.error("prompt failed", unexpected);
                error = RpcExceptions.error(RpcErrorCodes.INTERNAL_ERROR,
                        unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage());
            } finally {
                pending.abandonAll(false);
                running.compareAndSet(work, null);
            }
            if (error != null) {
                response.completeExceptionally(error);
            } else {
                response.complete(result);
            }
        });
        return response;
    }

    @Override
    public CompletableFuture<JsonObject> steer(WireTypes.UserInputParams params) {
        Work work = running.get();
        if (work == null || !work.isTurn()) {
            return CompletableFuture.failedFuture(WireErrors.idle());
        }
        session.steer(WireInputs.toCore(params.userInput()));
        return CompletableFuture.completedFuture(WireResults.status("steered"));
    }

    @Override
    public CompletableFuture<JsonObject> cancel() {
        Work work = running.get();
        if (work == null) {
            return CompletableFuture.failedFuture(WireErrors.idle());
        }
        work.cancel().cancel();
        return CompletableFuture.completedFuture(new JsonObject());
    }

    @Override
    public CompletableFuture<JsonObject> replay() {
        CompletableFuture<JsonObject> response = new CompletableFuture<>();
        Work work = new Work(false, new CancelSignal(), response);
        if (!running.compareAndSet(null, work)) {
            return CompletableFuture.failedFuture(WireErrors.busy());
        }
        executor.execute(() -> {
            try {
                response.complete(replayLog(work.cancel()));
            } catch (RuntimeException e) {
                LOG.error("replay failed", e);
                response.completeExceptionally(RpcExceptions.error(RpcErrorCodes.INTERNAL_ERROR, "Replay failed"));
            } finally {
                running.compareAndSet(work, null);
            }
        });
        return response;
    }

    private static final Set<String> REQUEST_TYPES = Set.of("ApprovalRequest", "ToolCallRequest", "QuestionRequest",
            "HookRequest");

    /** Sends the log as it was recorded; replayed requests are informational and never registered. */
    private JsonObject replayLog(CancelSignal cancel) {
        int events = 0;
        int requests = 0;
        for (JsonObject message : files.wireLog().readMessages()) {
            if (cancel.isCancelled()) {
                return WireResults.replay(true, events, requests);
            }
            String type = message.get("type").getAsString();
            JsonElement payload = message.has("payload") ? message.get("payload") : new JsonObject();
            if (REQUEST_TYPES.contains(type) && payload instanceof JsonObject p && p.has("id")) {
                client.request(new WireMessage.Request(new WireMessage(type, payload), p.get("id").getAsString()));
                requests++;
            } else {
                client.event(new WireMessage(type, payload));
                events++;
            }
        }
        return WireResults.replay(cancel.isCancelled(), events, requests);
    }

    @Override
    public CompletableFuture<JsonObject> setPlanMode(WireTypes.SetPlanModeParams params) {
        boolean enabled = params.enabledValue();
        session.setPlanMode(enabled);
        files.state().setPlanMode(enabled);
        WireMessage status = WireEvents.planModeStatus(enabled);
        client.event(status);
        recorder.record(status);
        return CompletableFuture.completedFuture(WireResults.planMode(enabled));
    }

    /**
     * End of input: resolve what the client can no longer answer, stop the running work, and wait a
     * moment for it to finish its clean-up.
     */
    public void shutdown() {
        pending.abandonAll(true);
        Work work = running.get();
        if (work != null) {
            work.cancel().cancel();
            try {
                work.done().orTimeout(2, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
            } catch (RuntimeException ignored) {
                // The work did not finish in time; the process exits anyway.
            }
        }
    }
}
