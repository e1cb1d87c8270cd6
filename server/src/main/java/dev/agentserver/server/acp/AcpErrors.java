package dev.agentserver.server.acp;

import com.google.gson.JsonObject;
import dev.agentserver.protocol.jsonrpc.RpcErrorCodes;
import dev.agentserver.protocol.jsonrpc.RpcExceptions;
import dev.agentserver.server.agent.TurnFailure;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/** ACP's application errors. */
final class AcpErrors {

    static final int AUTH_REQUIRED = -32000;
    static final int RESOURCE_NOT_FOUND = -32002;

    private AcpErrors() {
    }

    /** {@code data.sessionId} as the official SDK sets it, so clients can tell which session. */
    static ResponseErrorException sessionNotFound(String sessionId) {
        JsonObject data = new JsonObject();
        data.addProperty("sessionId", sessionId);
        return RpcExceptions.error(RESOURCE_NOT_FOUND, "Session not found: " + sessionId, data);
    }

    /** {@code data} holds {@code authMethods}, the same list {@code initialize} advertised. */
    static ResponseErrorException authRequired(JsonObject data) {
        return RpcExceptions.error(AUTH_REQUIRED, "Authentication required", data);
    }

    /** ACP has no code for a busy session; -32603 is the schema's "implementation-defined" error. */
    static ResponseErrorException busy(String sessionId) {
        return RpcExceptions.error(RpcErrorCodes.INTERNAL_ERROR,
                "A prompt is already running in session " + sessionId + "; cancel it or wait for its answer");
    }

    static ResponseErrorException invalidParams(String message) {
        return RpcExceptions.error(RpcErrorCodes.INVALID_PARAMS, message);
    }

    /** The front end's only knowledge of auth: the core says AUTH_REQUIRED, ACP says -32000. */
    static ResponseErrorException of(TurnFailure failure, JsonObject authData) {
        return switch (failure.kind()) {
            case AUTH_REQUIRED -> authRequired(authData);
            case LLM_NOT_SET -> RpcExceptions.error(RpcErrorCodes.INTERNAL_ERROR,
                    "No model is configured: set default_model in config.toml, or KIMI_API_KEY / OPENAI_API_KEY");
            case LLM_NOT_SUPPORTED -> invalidParams(failure.getMessage());
            case PROVIDER_ERROR -> RpcExceptions.error(RpcErrorCodes.INTERNAL_ERROR,
                    "The model provider failed: " + failure.getMessage());
            case INTERNAL -> RpcExceptions.error(RpcErrorCodes.INTERNAL_ERROR, failure.getMessage());
        };
    }
}
