package dev.agentserver.auth;

/** The confirmed second rejection: the user must log in again. */
public final class AuthRequiredException extends Exception {
    public AuthRequiredException(String message) {
        super(message);
    }
}
