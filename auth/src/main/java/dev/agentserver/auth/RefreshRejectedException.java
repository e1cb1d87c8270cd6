package dev.agentserver.auth;

/** The token endpoint refused the refresh token itself: 401, 403, or 400 with {@code invalid_grant}. */
final class RefreshRejectedException extends Exception {
    RefreshRejectedException(String message) {
        super(message);
    }
}
