package dev.agentserver.protocol.wire;

import com.google.gson.JsonObject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/**
 * Kimi wire 1.10, the methods the agent handles. Every handler returns at once with a future. Results are
 * JSON objects built by {@link WireResults}, because several have keys that are present only sometimes
 * (and the wire configuration otherwise writes every null).
 */
public interface WireAgent {

    @JsonRequest("initialize")
    CompletableFuture<JsonObject> initialize(WireTypes.InitializeParams params);

    @JsonRequest("prompt")
    CompletableFuture<JsonObject> prompt(WireTypes.UserInputParams params);

    @JsonRequest("steer")
    CompletableFuture<JsonObject> steer(WireTypes.UserInputParams params);

    /** Params, if any, are ignored. */
    @JsonRequest("cancel")
    CompletableFuture<JsonObject> cancel();

    /** Params, if any, are ignored. */
    @JsonRequest("replay")
    CompletableFuture<JsonObject> replay();

    @JsonRequest("set_plan_mode")
    CompletableFuture<JsonObject> setPlanMode(WireTypes.SetPlanModeParams params);
}
