package dev.agentserver.auth;

/** Transient: the lock was not had in time or could not be opened, or the token endpoint was unreachable. */
public final class AuthUnavailableException extends Exception {
    public AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
