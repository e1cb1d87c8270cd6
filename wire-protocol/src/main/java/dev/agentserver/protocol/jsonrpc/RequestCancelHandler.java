package dev.agentserver.protocol.jsonrpc;

/**
 * Lets a service handle the cancellation of one of its requests itself, e.g. by ending a prompt turn so
 * that the prompt is answered normally ("cancelled") rather than with -32800.
 */
@FunctionalInterface
public interface RequestCancelHandler {

    /**
     * @return true when the service took care of it (and will still answer the request); false to have
     *         the engine cancel the handler's future, which answers -32800
     */
    boolean cancel(String method, Object params);
}
