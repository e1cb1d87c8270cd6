package dev.agentserver.protocol.jsonrpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * The peer's requests that have not been answered yet, by id, with their method and params, so that a
 * request-cancel notification can be matched to what it cancels. Added when a request is dispatched,
 * removed when its answer is written.
 */
final class IncomingRequests {

    /** A request being handled. */
    record InFlight(Either<String, Number> id, String method, Object params) {}

    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

    void started(Either<String, Number> id, String method, Object params) {
        inFlight.put(key(id), new InFlight(id, method, params));
    }

    void answered(Either<String, Number> id) {
        if (id != null) {
            inFlight.remove(key(id));
        }
    }

    InFlight find(Either<String, Number> id) {
        return inFlight.get(key(id));
    }

    /** A string id and a numeric id with the same digits are different requests. */
    private static String key(Either<String, Number> id) {
        return (id.isLeft() ? "s:" : "n:") + id.get();
    }
}
