package dev.agentserver.server.llm;

import dev.agentserver.auth.AuthRequiredException;
import dev.agentserver.auth.AuthUnavailableException;
import dev.agentserver.auth.BearerRejectedException;
import dev.agentserver.auth.CredentialedCaller;
import dev.agentserver.server.model.CancelSignal;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming client of the {@code kimi} and {@code openai_legacy} provider types:
 * {@code POST {base_url}/chat/completions} with {@code stream: true}, read as server-sent events.
 *
 * <p>Every exchange runs inside {@link CredentialedCaller#call}, the one recovery path: a 401 is thrown
 * there as {@link BearerRejectedException} and the caller decides whether to refresh and try once more.
 * What comes out is translated into the three {@link ProviderException.Kind}s the agent acts on.
 */
public final class OpenAiChatProvider implements ChatProvider {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiChatProvider.class);

    /** Headers the JDK client sets itself and refuses from callers; a config that names them is ignored there. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private static final int MAX_DRAIN_AFTER_DONE = 64 * 1024;

    private final String modelName;
    private final URI endpoint;
    private final Map<String, String> customHeaders;
    private final CredentialedCaller caller;
    private final HttpClient http;
    private final Supplier<String> userAgent;
    private final StreamTimeouts timeouts;
    private final ChatRequestEncoder encoder;

    /**
     * @param baseUrl the provider's {@code base_url}; {@code /chat/completions} is appended
     * @param userAgent asked on every call, so that the client name from {@code initialize} shows up once known
     */
    OpenAiChatProvider(String modelName, URI baseUrl, RequestDialect dialect, Map<String, String> customHeaders,
            CredentialedCaller caller, HttpClient http, Supplier<String> userAgent, StreamTimeouts timeouts) {
        this.modelName = modelName;
        String base = baseUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/chat/completions");
        this.customHeaders = Map.copyOf(customHeaders);
        this.caller = caller;
        this.http = http;
        this.userAgent = userAgent;
        this.timeouts = timeouts;
        this.encoder = new ChatRequestEncoder(modelName, dialect);
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public void stream(ChatRequest request, ChatSink sink, CancelSignal cancel)
            throws ProviderException, CancelSignal.CancelledException {
        cancel.throwIfCancelled();
        byte[] body = encoder.encode(request);
        boolean[] sentWithoutCredential = {false};
        try {
            caller.call(bearer -> {
                sentWithoutCredential[0] = bearer == null || bearer.isEmpty();
                return exchange(bearer, body, sink, cancel);
            });
        } catch (ProviderException e) {
            cancel.throwIfCancelled(); // whatever broke, a cancelled call ends as cancelled
            throw e;
        } catch (AuthRequiredException e) {
            throw new ProviderException(ProviderException.Kind.AUTH_REQUIRED, "AuthRequired", 401, e.getMessage(), e);
        } catch (AuthUnavailableException e) {
            cancel.throwIfCancelled();
            throw new ProviderException(ProviderException.Kind.RETRYABLE, "AuthUnavailableError", null,
                    "credentials are briefly unavailable: " + e.getMessage(), e);
        } catch (BearerRejectedException e) {
            throw new ProviderException(ProviderException.Kind.FAILED, "APIStatusError", 401,
                    rejectionWithoutOAuth(sentWithoutCredential[0], e.getMessage()), e);
        }
    }

    /** One attempt with one bearer. Throws {@link BearerRejectedException} on 401 so the caller can recover. */
    private Void exchange(String bearer, byte[] body, ChatSink sink, CancelSignal cancel)
            throws BearerRejectedException, ProviderException {
        if (cancel.isCancelled()) {
            throw new ProviderException(ProviderException.Kind.FAILED, "Cancelled", null, "cancelled");
        }
        InFlightExchange exchange = new InFlightExchange(http.sendAsync(request(bearer, body),
                HttpResponse.BodyHandlers.ofInputStream()));
        try (CancelSignal.Registration _ = cancel.onCancel(exchange::abort)) {
            HttpResponse<InputStream> response = awaitHeaders(exchange);
            exchange.attach(response.body());
            try (IdleWatchdog watchdog = IdleWatchdog.watch(response.body(), timeouts.idle());
                    InputStream in = watchdog.stream()) {
                int status = response.statusCode();
                if (status == 401) {
                    throw new BearerRejectedException(ErrorResponses.serviceMessage(ErrorResponses.readBody(in)));
                }
                if (status != 200) {
                    String message = ErrorResponses.serviceMessage(ErrorResponses.readBody(in));
                    LOG.warn("chat service at {} answered HTTP {}", endpoint.getHost(), status);
                    throw ErrorResponses.forStatus(status, message);
                }
                if (isJson(response)) {
                    throw notAStream(ErrorResponses.readBody(in));
                }
                readEvents(in, sink, watchdog);
            } catch (IOException closing) {
                // only close() can land here, after the outcome is already decided
            }
        }
        return null;
    }

    private HttpRequest request(String bearer, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(timeouts.response())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("User-Agent", userAgent.get())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (ProviderContext.isPlainHttp(endpoint)) {
            // Plain-text chat servers (local models, the simulator) speak HTTP/1.1. Left to prefer HTTP/2, the
            // JDK offers them an h2c upgrade, and a stream abandoned midway (a cancel, an error) then keeps its
            // socket open until the client's selector next wakes, ~3 s, with the server still generating.
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        if (bearer != null && !bearer.isEmpty()) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        for (Map.Entry<String, String> header : customHeaders.entrySet()) {
            if (RESTRICTED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                LOG.warn("custom header {} cannot be set by this client; ignored", header.getKey());
            } else {
                builder.setHeader(header.getKey(), header.getValue());
            }
        }
        return builder.build();
    }

    private HttpResponse<InputStream> awaitHeaders(InFlightExchange exchange) throws ProviderException {
        try {
            return exchange.response();
        } catch (ExecutionException e) {
            throw connectionFailure(e.getCause() == null ? e : e.getCause());
        } catch (CancellationException e) {
            throw new ProviderException(ProviderException.Kind.FAILED, "Cancelled", null, "cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.Kind.RETRYABLE, "APIConnectionError", null,
                    "interrupted while waiting for the chat service", e);
        }
    }

    private void readEvents(InputStream in, ChatSink sink, IdleWatchdog watchdog) throws ProviderException {
        CompletionStream completion = new CompletionStream(sink);
        SseReader reader = new SseReader(in);
        try {
            SseEvent event;
            while ((event = reader.next()) != null) {
                if (!completion.accept(event)) {
                    drain(in);
                    break;
                }
            }
        } catch (EventTooLargeException e) {
            // Not a network accident but a sender that breaks the stream; a retry would fetch the same excess.
            throw new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null,
                    "the chat service sent " + e.getMessage() + ", the most this client accepts; a chat chunk is "
                            + "far smaller, so the service or a proxy before it is sending a broken stream", e);
        } catch (IOException e) {
            if (watchdog.fired()) {
                throw new ProviderException(ProviderException.Kind.RETRYABLE, "APITimeoutError", null,
                        "the chat stream was silent for " + timeouts.idle().toSeconds() + " s", e);
            }
            throw new ProviderException(ProviderException.Kind.RETRYABLE, "APIConnectionError", null,
                    "the chat stream broke: " + e.getMessage(), e);
        }
        completion.finish();
    }

    /**
     * Reads what little follows {@code [DONE]} so that the connection can go back to the pool. The reply is
     * complete by then, so a connection that breaks here changes nothing.
     */
    private static void drain(InputStream in) {
        byte[] scratch = new byte[4096];
        int total = 0;
        int n;
        try {
            while (total < MAX_DRAIN_AFTER_DONE && (n = in.read(scratch)) >= 0) {
                total += n;
            }
        } catch (IOException ignored) {
            // the connection is simply not reused
        }
    }

    private static boolean isJson(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                .startsWith("application/json");
    }

    /** A 200 with a JSON body: an error some gateways send that way, or a service that ignored {@code stream}. */
    private static ProviderException notAStream(String body) {
        String message = body.contains("\"error\"")
                ? "the chat service reported an error: " + ErrorResponses.serviceMessage(body)
                : "the chat service answered with a JSON body instead of an event stream; it may not support stream: true";
        return new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", 200, message);
    }

    private ProviderException connectionFailure(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return new ProviderException(ProviderException.Kind.RETRYABLE, "APITimeoutError", null,
                    "the chat service did not answer within " + timeouts.response().toSeconds() + " s", cause);
        }
        return new ProviderException(ProviderException.Kind.RETRYABLE, "APIConnectionError", null,
                "cannot reach the chat service at " + endpoint.getHost() + ": " + describe(cause), cause);
    }

    private String rejectionWithoutOAuth(boolean noCredential, String serviceMessage) {
        if (noCredential) {
            return "the chat service at " + endpoint.getHost() + " answered 401 and no API key is configured: "
                    + serviceMessage + ". Set api_key for the provider (or KIMI_API_KEY / OPENAI_API_KEY), "
                    + "or configure OAuth and run \"agent-server login\".";
        }
        return "the API key was rejected (401) by " + endpoint.getHost() + ": " + serviceMessage
                + ". Check the provider's api_key (or KIMI_API_KEY / OPENAI_API_KEY).";
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isEmpty() ? cause.getClass().getSimpleName() : message;
    }
}
