package dev.agentserver.server.agent;

/** A turn that ended in error. The front ends turn {@link Kind} into their protocol's error code. */
public final class TurnFailure extends Exception {

    public enum Kind {
        /** No model is configured or usable. */
        LLM_NOT_SET,
        /** The input needs a capability the model lacks. */
        LLM_NOT_SUPPORTED,
        /** The provider failed after retries, or failed in a way not worth retrying. */
        PROVIDER_ERROR,
        /** The auth module confirmed a second rejection: the user must log in again. */
        AUTH_REQUIRED,
        /** Anything unexpected; the session stays usable. */
        INTERNAL
    }

    private final Kind kind;

    public TurnFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
