package dev.agentserver.auth;

/**
 * The confirmed second rejection: the refresh token itself was refused (and no other instance had rotated it),
 * or the request was refused again with a freshly obtained token. The user has to log in again; the front ends
 * turn this, and only this, into their protocol's auth-required error.
 */
public final class AuthRequiredException extends Exception {
    public AuthRequiredException(String message) {
        super(message);
    }

    public AuthRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
