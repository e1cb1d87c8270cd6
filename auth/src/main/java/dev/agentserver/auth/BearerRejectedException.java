package dev.agentserver.auth;

/** Thrown by an {@link AuthorizedCall} when the service answered 401. */
public final class BearerRejectedException extends Exception {
    public BearerRejectedException(String message) {
        super(message);
    }
}
