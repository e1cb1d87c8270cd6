package dev.agentserver.server.cli;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} built on first use. Building one initialises the default {@link SSLContext}, which
 * reads the JDK's CA certificates: about 80 ms of the start-up with C1 on two cores, spent before the first
 * {@code initialize} answer although no request is made until the first prompt (or token refresh).
 * {@code Startup.warmUpInBackground} builds it off the reader thread once a session opens, so that the first
 * prompt need not wait.
 */
final class LazyHttpClient extends HttpClient {

    private final Supplier<HttpClient> factory;
    private volatile HttpClient client;

    LazyHttpClient(Supplier<HttpClient> factory) {
        this.factory = factory;
    }

    HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    client = c = factory.get();
                }
            }
        }
        return c;
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return client().cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return client().connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return client().followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return client().proxy();
    }

    @Override
    public SSLContext sslContext() {
        return client().sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return client().sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return client().authenticator();
    }

    @Override
    public Version version() {
        return client().version();
    }

    @Override
    public Optional<Executor> executor() {
        return client().executor();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client().send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return client().sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return client().sendAsync(request, handler, pushPromiseHandler);
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return client().newWebSocketBuilder();
    }

    // Closing one that was never built builds nothing.

    @Override
    public void shutdown() {
        HttpClient c = client;
        if (c != null) {
            c.shutdown();
        }
    }

    @Override
    public void shutdownNow() {
        HttpClient c = client;
        if (c != null) {
            c.shutdownNow();
        }
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        HttpClient c = client;
        return c == null || c.awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        HttpClient c = client;
        return c == null || c.isTerminated();
    }

    @Override
    public void close() {
        HttpClient c = client;
        if (c != null) {
            c.close();
        }
    }
}
