package dev.agentserver.auth;

/**
 * The one recovery path. Every credentialed call in the process goes through one of these, obtained from
 * {@link OAuthManager#caller(String, String)}; nothing else looks at a 401.
 */
public interface CredentialedCaller {
    /**
     * Runs {@code call} with the current bearer. After a first 401 it re-reads the credential file, adopts a
     * token another instance rotated in or refreshes, and runs {@code call} once more.
     *
     * @throws AuthRequiredException     the confirmed second rejection: the user must log in again
     * @throws AuthUnavailableException  a transient failure (lock, network, 429/5xx); credentials untouched
     * @throws BearerRejectedException   only from a caller without an OAuth key (a plain api_key provider):
     *                                   a rejected api key is a provider error, never auth_required
     */
    <T, X extends Exception> T call(AuthorizedCall<T, X> call)
            throws X, AuthRequiredException, AuthUnavailableException, BearerRejectedException;

    /** Whether this caller's provider is configured with an OAuth key. */
    boolean usesOAuth();

    /**
     * False when OAuth is configured and there is neither a usable access/refresh token (present, well formed,
     * not tombstoned) nor a static api key to fall back on: a login is needed before any call can succeed.
     * Always true for a caller without an OAuth key, since logging in would not change anything for it.
     */
    boolean hasUsableCredentials();
}
