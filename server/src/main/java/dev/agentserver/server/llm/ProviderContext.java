package dev.agentserver.server.llm;

import dev.agentserver.auth.CredentialedCaller;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What the server hands the {@link ProviderFactory} once at start-up.
 *
 * @param callers     (oauthKey or null, static api key or null) to the recovery path for those credentials;
 *                    the server passes {@code oAuthManager::caller}
 * @param environment the process environment (the {@code _scripted_echo} script file, Kimi generation settings)
 * @param httpClient  shared by every provider; its connect timeout applies
 * @param userAgent   the User-Agent to send, asked on every call (it gains the client name after initialize)
 * @param timeouts    response and idle-stream limits
 */
public record ProviderContext(
        BiFunction<String, String, CredentialedCaller> callers,
        Map<String, String> environment,
        HttpClient httpClient,
        Supplier<String> userAgent,
        StreamTimeouts timeouts) {

    public ProviderContext {
        environment = Map.copyOf(environment);
    }

    public ProviderContext(BiFunction<String, String, CredentialedCaller> callers, Map<String, String> environment,
            HttpClient httpClient, Supplier<String> userAgent) {
        this(callers, environment, httpClient, userAgent, StreamTimeouts.DEFAULT);
    }

    /** An HTTP client suited to chat streaming: bounded connect time, no redirects (a POST must not wander). */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
