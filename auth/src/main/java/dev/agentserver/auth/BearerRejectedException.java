package dev.agentserver.auth;

/** Thrown by an {@link AuthorizedCall} when the service answered HTTP 401 to the bearer it was given. */
public final class BearerRejectedException extends Exception {
    public BearerRejectedException(String message) {
        super(message);
    }
}
