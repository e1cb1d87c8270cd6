package dev.agentserver.protocol.jsonrpc;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a binding's endpoint does with a method it does not have, as lsp4j's {@code GenericEndpoint} does:
 * a request fails with -32601, a notification is dropped with a warning. {@link InboundDispatcher} answers
 * unknown methods before they get this far; this is the endpoint's own contract.
 */
public final class UnknownMethod {

    private static final Logger LOG = LoggerFactory.getLogger(UnknownMethod.class);

    private UnknownMethod() {
    }

    public static CompletableFuture<?> request(String method) {
        String message = "Unsupported request method: " + method;
        LOG.warn(message);
        return CompletableFuture.failedFuture(RpcExceptions.error(RpcErrorCodes.METHOD_NOT_FOUND, message));
    }

    public static void notification(String method) {
        LOG.warn("Unsupported notification method: {}", method);
    }
}
