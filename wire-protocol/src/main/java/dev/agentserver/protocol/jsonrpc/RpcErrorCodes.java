package dev.agentserver.protocol.jsonrpc;

/** JSON-RPC error codes used by both protocols. */
public final class RpcErrorCodes {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    public static final int REQUEST_CANCELLED = -32800;

    private RpcErrorCodes() {
    }
}
