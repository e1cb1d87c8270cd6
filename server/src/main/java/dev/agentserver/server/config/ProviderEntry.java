package dev.agentserver.server.config;

import java.util.Map;
import java.util.Optional;

/**
 * One {@code [providers.NAME]} table. {@code oauthKey} is the credential key of
 * {@code oauth = {storage = "file", key = "oauth/kimi-code"}}, or null for a provider without OAuth;
 * {@code apiKey} is empty when none is configured. {@code env} holds the provider's own environment
 * table (for example {@code KIMI_SCRIPTED_ECHO_SCRIPTS}).
 */
public record ProviderEntry(
        String name,
        String type,
        String baseUrl,
        String apiKey,
        String oauthKey,
        Map<String, String> customHeaders,
        Map<String, String> env) {

    public ProviderEntry {
        baseUrl = baseUrl == null ? "" : baseUrl;
        apiKey = apiKey == null ? "" : apiKey;
        customHeaders = customHeaders == null ? Map.of() : Map.copyOf(customHeaders);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** The type as this server knows it, or empty for a type it cannot run (kept so the config still loads). */
    public Optional<ProviderType> knownType() {
        return ProviderType.fromConfigName(type);
    }

    public boolean usesOAuth() {
        return oauthKey != null;
    }

    ProviderEntry withBaseUrl(String newBaseUrl) {
        return new ProviderEntry(name, type, newBaseUrl, apiKey, oauthKey, customHeaders, env);
    }

    ProviderEntry withApiKey(String newApiKey) {
        return new ProviderEntry(name, type, baseUrl, newApiKey, oauthKey, customHeaders, env);
    }

    /** Never shows the API key or header values (they often carry secrets too). */
    @Override
    public String toString() {
        return "ProviderEntry[name=" + name + ", type=" + type + ", baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey.isEmpty() ? "<none>" : "<set>")
                + ", oauthKey=" + oauthKey
                + ", customHeaders=" + customHeaders.keySet()
                + ", env=" + env.keySet() + "]";
    }
}
