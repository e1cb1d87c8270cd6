package dev.agentserver.server.llm;

import dev.agentserver.auth.AuthRequiredException;
import dev.agentserver.auth.AuthUnavailableException;
import dev.agentserver.auth.AuthorizedCall;
import dev.agentserver.auth.BearerRejectedException;
import dev.agentserver.auth.CredentialedCaller;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for the auth module's recovery path, seen from the provider's side only: a caller that
 * passes a fixed bearer (an API-key provider: a 401 escapes), one that retries once with a second bearer
 * (what recovery looks like to the provider), and one that fails as the auth module can.
 */
final class TestCallers {

    private TestCallers() {
    }

    /** An API-key caller: one attempt, and a rejection escapes as {@link BearerRejectedException}. */
    static final class Fixed implements CredentialedCaller {
        final List<String> bearersUsed = new CopyOnWriteArrayList<>();
        private final String bearer;

        Fixed(String bearer) {
            this.bearer = bearer;
        }

        @Override
        public <T, X extends Exception> T call(AuthorizedCall<T, X> call) throws X, BearerRejectedException {
            bearersUsed.add(bearer);
            return call.call(bearer);
        }

        @Override
        public boolean usesOAuth() {
            return false;
        }

        @Override
        public boolean hasUsableCredentials() {
            return true;
        }
    }

    /** Tries {@code first}; after a rejection tries {@code second} once; a second rejection is AUTH_REQUIRED. */
    static final class RetryOnce implements CredentialedCaller {
        final List<String> bearersUsed = new CopyOnWriteArrayList<>();
        private final String first;
        private final String second;

        RetryOnce(String first, String second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public <T, X extends Exception> T call(AuthorizedCall<T, X> call) throws X, AuthRequiredException {
            try {
                bearersUsed.add(first);
                return call.call(first);
            } catch (BearerRejectedException firstRejection) {
                try {
                    bearersUsed.add(second);
                    return call.call(second);
                } catch (BearerRejectedException secondRejection) {
                    throw new AuthRequiredException("rejected twice");
                }
            }
        }

        @Override
        public boolean usesOAuth() {
            return true;
        }

        @Override
        public boolean hasUsableCredentials() {
            return true;
        }
    }

    /** Fails before calling, as the auth module does when recovery is impossible or briefly unavailable. */
    static final class Failing implements CredentialedCaller {
        private final Exception failure;

        Failing(Exception failure) {
            this.failure = failure;
        }

        @Override
        public <T, X extends Exception> T call(AuthorizedCall<T, X> call)
                throws AuthRequiredException, AuthUnavailableException {
            if (failure instanceof AuthRequiredException required) {
                throw required;
            }
            throw (AuthUnavailableException) failure;
        }

        @Override
        public boolean usesOAuth() {
            return true;
        }

        @Override
        public boolean hasUsableCredentials() {
            return false;
        }
    }
}
