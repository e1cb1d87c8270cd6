package dev.agentserver.auth;

/** The device login ended without credentials: the user denied it, or the OAuth server refused the client. */
public final class LoginFailedException extends Exception {
    public LoginFailedException(String message) {
        super(message);
    }

    public LoginFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
