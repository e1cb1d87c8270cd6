package dev.agentserver.auth;

/**
 * The caller of a provider without OAuth: it sends the configured api key, and a 401 is the provider's answer
 * to that key, passed on as it is. There is nothing to recover.
 */
final class ApiKeyCaller implements CredentialedCaller {
    private final String apiKey;

    ApiKeyCaller(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public <T, X extends Exception> T call(AuthorizedCall<T, X> call) throws X, BearerRejectedException {
        return call.call(apiKey);
    }

    @Override
    public boolean usesOAuth() {
        return false;
    }

    @Override
    public boolean hasUsableCredentials() {
        return true;
    }

    @Override
    public String toString() {
        return "ApiKeyCaller[api_key=" + (apiKey == null ? "none" : "<redacted>") + "]";
    }
}
