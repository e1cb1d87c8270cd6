package dev.agentserver.server.llm;

import dev.agentserver.auth.CredentialedCaller;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javax.net.ssl.SSLParameters;

/**
 * What the server hands the {@link ProviderFactory} once at start-up.
 *
 * @param callers     (oauthKey or null, static api key or null) to the recovery path for those credentials;
 *                    the server passes {@code oAuthManager::caller}
 * @param environment the process environment (the {@code _scripted_echo} script file, Kimi generation settings)
 * @param httpClient  shared by every provider with an {@code https} base URL; its connect timeout applies
 * @param plainHttpClient shared by every provider with an {@code http} base URL: made without TLS (see
 *                    {@link #plainHttpOnlyClient()}), so that a local model never pays for the CA certificates
 * @param userAgent   the User-Agent to send, asked on every call (it gains the client name after initialize)
 * @param timeouts    response and idle-stream limits
 */
public record ProviderContext(
        BiFunction<String, String, CredentialedCaller> callers,
        Map<String, String> environment,
        HttpClient httpClient,
        HttpClient plainHttpClient,
        Supplier<String> userAgent,
        StreamTimeouts timeouts) {

    public ProviderContext {
        environment = Map.copyOf(environment);
    }

    public ProviderContext(BiFunction<String, String, CredentialedCaller> callers, Map<String, String> environment,
            HttpClient httpClient, HttpClient plainHttpClient, Supplier<String> userAgent) {
        this(callers, environment, httpClient, plainHttpClient, userAgent, StreamTimeouts.DEFAULT);
    }

    /** One client for both schemes. */
    public ProviderContext(BiFunction<String, String, CredentialedCaller> callers, Map<String, String> environment,
            HttpClient httpClient, Supplier<String> userAgent) {
        this(callers, environment, httpClient, httpClient, userAgent);
    }

    /** The client for a provider at {@code baseUrl}. */
    public HttpClient httpClientFor(URI baseUrl) {
        return isPlainHttp(baseUrl) ? plainHttpClient : httpClient;
    }

    /** An {@code http://} URL: a local model or the simulator, reached without TLS. */
    public static boolean isPlainHttp(URI url) {
        return "http".equalsIgnoreCase(url.getScheme());
    }

    /** An HTTP client suited to chat streaming: bounded connect time, no redirects (a POST must not wander). */
    public static HttpClient defaultHttpClient() {
        return chatClientBuilder().build();
    }

    /**
     * As {@link #defaultHttpClient()} for {@code http://} endpoints only: its TLS context refuses, and with
     * SSL parameters given the builder does not make the JDK's default context either.
     */
    public static HttpClient plainHttpOnlyClient() {
        return chatClientBuilder().sslContext(PlainHttpOnly.context()).sslParameters(new SSLParameters()).build();
    }

    private static HttpClient.Builder chatClientBuilder() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER);
    }
}
