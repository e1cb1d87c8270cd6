package dev.agentserver.protocol.wire;

import com.google.gson.JsonElement;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/** Kimi wire 1.10, what the agent sends the client. */
public interface WireClient {

    @JsonNotification("event")
    void event(WireMessage message);

    /** The JSON-RPC id of the request equals {@code payload.id}; the answer's shape depends on the type. */
    @JsonRequest("request")
    CompletableFuture<JsonElement> request(WireMessage.Request message);
}
