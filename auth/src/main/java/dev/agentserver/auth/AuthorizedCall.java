package dev.agentserver.auth;

/**
 * A credentialed HTTP call. It is handed the bearer to send and throws {@link BearerRejectedException}
 * when the service answered 401, so that the {@link CredentialedCaller} can recover and call it again.
 *
 * @param <T> what the call returns
 * @param <X> the call's own failure (I/O, protocol, ...), passed through untouched
 */
@FunctionalInterface
public interface AuthorizedCall<T, X extends Exception> {
    /**
     * @param bearer the token for the {@code Authorization: Bearer} header; {@code null} only when the provider
     *               has neither OAuth credentials nor an api key configured
     */
    T call(String bearer) throws BearerRejectedException, X;
}
