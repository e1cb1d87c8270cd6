package dev.agentserver.protocol.jsonrpc;

/**
 * Params of an outgoing request that choose the request's JSON-RPC id. The wire protocol requires the id
 * of an agent-to-client request to equal its payload id, which clients rely on when they answer.
 */
public interface CarriesRequestId {

    String requestId();
}
