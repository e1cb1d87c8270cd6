package dev.agentserver.auth;

/** The one recovery path. Every credentialed call in the process goes through one of these. */
public interface CredentialedCaller {

    /**
     * Runs {@code call} with the current bearer and recovers from a first 401.
     * {@link BearerRejectedException} escapes only when this caller has no OAuth key.
     */
    <T, X extends Exception> T call(AuthorizedCall<T, X> call)
            throws X, AuthRequiredException, AuthUnavailableException, BearerRejectedException;

    boolean usesOAuth();

    boolean hasUsableCredentials();
}
