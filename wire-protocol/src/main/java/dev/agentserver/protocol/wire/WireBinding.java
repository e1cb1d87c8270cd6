package dev.agentserver.protocol.wire;

import static org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod.notification;
import static org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod.request;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentserver.protocol.jsonrpc.RpcBinding;
import dev.agentserver.protocol.jsonrpc.UnknownMethod;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;

/** The wire's {@link WireAgent} and {@link WireClient} written out for lsp4j (see {@link RpcBinding} for why). */
public final class WireBinding extends RpcBinding<WireAgent, WireClient> {

    private static final Map<String, JsonRpcMethod> AGENT = table(
            request("initialize", JsonObject.class, WireTypes.InitializeParams.class),
            request("prompt", JsonObject.class, WireTypes.UserInputParams.class),
            request("steer", JsonObject.class, WireTypes.UserInputParams.class),
            request("cancel", JsonObject.class),
            request("replay", JsonObject.class),
            request("set_plan_mode", JsonObject.class, WireTypes.SetPlanModeParams.class));

    private static final Map<String, JsonRpcMethod> CLIENT = table(
            notification("event", WireMessage.class),
            request("request", JsonElement.class, WireMessage.Request.class));

    public static final WireBinding INSTANCE = new WireBinding();

    private WireBinding() {
        super(WireAgent.class, WireClient.class, AGENT, CLIENT);
    }

    @Override
    public Endpoint endpoint(WireAgent agent) {
        return new Endpoint() {
            @Override
            public CompletableFuture<?> request(String method, Object params) {
                return switch (method) {
                    case "initialize" -> agent.initialize((WireTypes.InitializeParams) params);
                    case "prompt" -> agent.prompt((WireTypes.UserInputParams) params);
                    case "steer" -> agent.steer((WireTypes.UserInputParams) params);
                    case "cancel" -> agent.cancel();
                    case "replay" -> agent.replay();
                    case "set_plan_mode" -> agent.setPlanMode((WireTypes.SetPlanModeParams) params);
                    default -> UnknownMethod.request(method);
                };
            }

            @Override
            public void notify(String method, Object params) {
                UnknownMethod.notification(method);
            }
        };
    }

    @Override
    public WireClient remote(Endpoint remote) {
        return new Client(remote);
    }

    private static final class Client implements WireClient {
        private final Endpoint remote;

        Client(Endpoint remote) {
            this.remote = remote;
        }

        @Override
        public void event(WireMessage message) {
            remote.notify("event", message);
        }

        @SuppressWarnings("unchecked")
        @Override
        public CompletableFuture<JsonElement> request(WireMessage.Request message) {
            return (CompletableFuture<JsonElement>) remote.request("request", message);
        }
    }
}
