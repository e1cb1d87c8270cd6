package dev.agentserver.protocol.jsonrpc;

/**
 * The parts of JSON-RPC handling where the two protocols differ: the texts of the standard errors and
 * what a blank line means.
 *
 * @param blankLineIsParseError wire answers a blank line with -32700; ACP skips it
 * @param requestCancelMethod   the notification that cancels one request by id ({@code $/cancel_request}
 *                              in ACP, whose params are {@code {"requestId": id}}), or null for none
 */
public record RpcDialect(
        String parseErrorMessage,
        String invalidRequestMessage,
        MethodMessage methodNotFound,
        MethodMessage invalidParams,
        boolean blankLineIsParseError,
        String requestCancelMethod) {

    @FunctionalInterface
    public interface MethodMessage {
        String format(String method);
    }

    public static final RpcDialect WIRE = new RpcDialect(
            "Invalid JSON format",
            "Invalid request",
            method -> "Unexpected method received: " + method,
            method -> "Invalid parameters for method `" + method + "`",
            true,
            null);

    public static final RpcDialect ACP = new RpcDialect(
            "Parse error",
            "Invalid request",
            method -> "Method not found: " + method,
            method -> "Invalid params",
            false,
            "$/cancel_request");
}
