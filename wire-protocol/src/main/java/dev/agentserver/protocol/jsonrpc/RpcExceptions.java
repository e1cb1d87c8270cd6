package dev.agentserver.protocol.jsonrpc;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a handler threw into an error answer. Unlike lsp4j's default, no stack trace ever goes into
 * {@code data}: clients show error data to users, and traces leak internals.
 */
public final class RpcExceptions implements Function<Throwable, ResponseError> {

    private static final Logger LOG = LoggerFactory.getLogger(RpcExceptions.class);

    public static ResponseErrorException error(int code, String message) {
        return new ResponseErrorException(new ResponseError(code, message, null));
    }

    public static ResponseErrorException error(int code, String message, Object data) {
        return new ResponseErrorException(new ResponseError(code, message, data));
    }

    @Override
    public ResponseError apply(Throwable thrown) {
        Throwable t = unwrap(thrown);
        if (t instanceof ResponseErrorException ree) {
            return ree.getResponseError();
        }
        LOG.error("request handler failed", t);
        return new ResponseError(RpcErrorCodes.INTERNAL_ERROR,
                t.getClass().getSimpleName() + ": " + t.getMessage(), null);
    }

    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
