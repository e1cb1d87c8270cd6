package dev.agentserver.server.wire;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent-to-client requests still waiting for an answer, by JSON-RPC id. Each is resolved exactly
 * once: by the client's answer, or by the clean-up when the turn ends or the connection closes.
 */
final class PendingRequests {

    /** How to resolve a request nobody answered. */
    interface Pending {
        void abandon(boolean connectionClosed);
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    void add(String id, Pending request) {
        pending.put(id, request);
    }

    /** True for the first caller only: the one that gets to resolve the request. */
    boolean claim(String id) {
        return pending.remove(id) != null;
    }

    /** Resolves every request still pending with its default answer. */
    void abandonAll(boolean connectionClosed) {
        for (String id : List.copyOf(pending.keySet())) {
            Pending request = pending.remove(id);
            if (request != null) {
                request.abandon(connectionClosed);
            }
        }
    }
}
