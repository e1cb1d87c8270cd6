package dev.agentserver.auth;

/**
 * Authentication could not be completed right now, and trying again later may well succeed: the refresh lock
 * was not had in time or its file cannot be opened, or the OAuth server kept answering 429/5xx or could not be
 * reached. Never a reason to ask the user to log in, and the credentials on disk are left exactly as they were.
 */
public final class AuthUnavailableException extends Exception {
    public AuthUnavailableException(String message) {
        super(message);
    }

    public AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
