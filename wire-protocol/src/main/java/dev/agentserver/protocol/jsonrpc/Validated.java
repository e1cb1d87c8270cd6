package dev.agentserver.protocol.jsonrpc;

/**
 * A params type that checks itself after Gson has filled it in: Gson leaves missing fields null, so
 * required fields and closed value sets are checked here. A failure becomes a -32602 answer.
 */
public interface Validated {

    /** @throws IllegalArgumentException naming what is wrong */
    void validate();

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
