package dev.agentserver.server.wire;

import dev.agentserver.protocol.jsonrpc.RpcErrorCodes;
import dev.agentserver.protocol.jsonrpc.RpcExceptions;
import dev.agentserver.server.agent.TurnFailure;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/** The wire protocol's application errors, with the reference's exact texts. */
final class WireErrors {

    static final int INVALID_STATE = -32000;
    static final int LLM_NOT_SET = -32001;
    static final int LLM_NOT_SUPPORTED = -32002;
    static final int CHAT_PROVIDER_ERROR = -32003;
    static final int AUTH_EXPIRED = -32004;

    static final String TURN_IN_PROGRESS = "An agent turn is already in progress";
    static final String NO_TURN = "No agent turn is in progress";
    static final String AUTH_EXPIRED_MESSAGE = "Authentication failed. Your login session may have expired. "
            + "Please run \"/login\" to sign in again.";

    private WireErrors() {
    }

    static ResponseErrorException busy() {
        return RpcExceptions.error(INVALID_STATE, TURN_IN_PROGRESS);
    }

    static ResponseErrorException idle() {
        return RpcExceptions.error(INVALID_STATE, NO_TURN);
    }

    /** The front end's only knowledge of auth: the core says AUTH_REQUIRED, the wire says -32004. */
    static ResponseErrorException of(TurnFailure failure) {
        return switch (failure.kind()) {
            case LLM_NOT_SET -> RpcExceptions.error(LLM_NOT_SET, "LLM is not set");
            case LLM_NOT_SUPPORTED -> RpcExceptions.error(LLM_NOT_SUPPORTED, failure.getMessage());
            case PROVIDER_ERROR -> RpcExceptions.error(CHAT_PROVIDER_ERROR, failure.getMessage());
            case AUTH_REQUIRED -> RpcExceptions.error(AUTH_EXPIRED, AUTH_EXPIRED_MESSAGE);
            case INTERNAL -> RpcExceptions.error(RpcErrorCodes.INTERNAL_ERROR, failure.getMessage());
        };
    }
}
