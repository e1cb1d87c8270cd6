package dev.agentserver.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The OAuth server's two endpoints: {@code POST {host}/api/oauth/token} (refresh, RFC 6749 section 6, and the
 * device code grant) and {@code POST {host}/api/oauth/device_authorization} (RFC 8628). Answers 429, 500, 502,
 * 503, 504 and network failures are retried with exponential, jittered backoff and end as
 * {@link AuthUnavailableException}; every other answer is returned to the caller to classify.
 * Nothing here logs a request or response body: they carry the tokens.
 */
final class TokenClient {
    private static final Logger log = LoggerFactory.getLogger(TokenClient.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(429, 500, 502, 503, 504);
    static final int MAX_ATTEMPTS = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(8);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    // RFC 8628 section 3.2: the interval to use when the server names none.
    private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final URI deviceAuthorizationEndpoint;
    private final String clientId;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    TokenClient(HttpClient http, URI oauthHost, String clientId, Sleeper sleeper, RandomGenerator random) {
        String base = oauthHost.toString().replaceAll("/+$", "");
        this.http = http;
        this.tokenEndpoint = URI.create(base + "/api/oauth/token");
        this.deviceAuthorizationEndpoint = URI.create(base + "/api/oauth/device_authorization");
        this.clientId = clientId;
        this.sleeper = sleeper;
        this.random = random;
    }

    /**
     * @throws RefreshRejectedException the refresh token itself was refused (401, 403, 400 invalid_grant)
     * @throws AuthUnavailableException the server stayed unavailable, or answered something that is neither a
     *                                  grant nor a rejection
     */
    TokenGrant refresh(String refreshToken)
            throws RefreshRejectedException, AuthUnavailableException, InterruptedException {
        Reply reply = post(tokenEndpoint, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        if (reply.status() == 200) {
            return grantIn(reply).orElseThrow(() ->
                    new AuthUnavailableException("the token endpoint answered 200 without an access_token"));
        }
        if (reply.status() == 401 || reply.status() == 403
                || (reply.status() == 400 && reply.error().equals("invalid_grant"))) {
            throw new RefreshRejectedException("the token endpoint rejected the refresh token: " + reply);
        }
        throw new AuthUnavailableException("the token endpoint did not refresh: " + reply);
    }

    DeviceAuthorization startDeviceAuthorization()
            throws LoginFailedException, AuthUnavailableException, InterruptedException {
        Reply reply = post(deviceAuthorizationEndpoint, Map.of());
        if (reply.status() != 200) {
            throw new LoginFailedException("the OAuth server refused to start a device login: " + reply);
        }
        JsonNode body = reply.body();
        String deviceCode = text(body, "device_code");
        String userCode = text(body, "user_code");
        String uri = text(body, "verification_uri");
        String uriComplete = text(body, "verification_uri_complete");
        if (deviceCode == null || userCode == null || (uri == null && uriComplete == null)) {
            throw new LoginFailedException("the device authorization answer lacks device_code, user_code"
                    + " or verification_uri");
        }
        DeviceCode shown = new DeviceCode(uri != null ? uri : uriComplete, Optional.ofNullable(uriComplete),
                userCode, seconds(body, "expires_in"));
        return new DeviceAuthorization(deviceCode, shown, seconds(body, "interval").orElse(DEFAULT_POLL_INTERVAL));
    }

    DevicePoll pollDeviceToken(String deviceCode)
            throws LoginFailedException, AuthUnavailableException, InterruptedException {
        Reply reply = post(tokenEndpoint, Map.of("grant_type", DEVICE_CODE_GRANT, "device_code", deviceCode));
        if (reply.status() == 200) {
            return new DevicePoll.Granted(grantIn(reply).orElseThrow(() ->
                    new LoginFailedException("the token endpoint answered 200 without an access_token")));
        }
        return switch (reply.error()) {
            case "authorization_pending" -> new DevicePoll.Pending();
            case "slow_down" -> new DevicePoll.SlowDown();
            case "expired_token" -> new DevicePoll.Expired();
            case "access_denied" -> throw new LoginFailedException("the authorization was denied");
            default -> throw new LoginFailedException("the token endpoint refused the device code: " + reply);
        };
    }

    /** POSTs the form with the client id, retrying transient failures; returns the first other answer. */
    private Reply post(URI endpoint, Map<String, String> fields) throws AuthUnavailableException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.putAll(fields);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(urlEncoded(form)))
                .build();
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (!TRANSIENT_STATUSES.contains(response.statusCode())) {
                    return Reply.of(response.statusCode(), response.body());
                }
                failure = "HTTP " + response.statusCode();
            } catch (IOException unreachable) {
                failure = unreachable.toString();
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new AuthUnavailableException("the OAuth server at " + endpoint + " failed " + attempt
                        + " times in a row, last with " + failure);
            }
            Duration pause = backoff(attempt);
            log.info("{} failed with {}; retrying in {} ms", endpoint, failure, pause.toMillis());
            sleeper.sleep(pause);
        }
    }

    /** Doubles from {@link #FIRST_BACKOFF} up to a ceiling, drawn from the upper half of that span. */
    private Duration backoff(int failedAttempts) {
        Duration ceiling = FIRST_BACKOFF.multipliedBy(1L << (failedAttempts - 1));
        if (ceiling.compareTo(LONGEST_BACKOFF) > 0) {
            ceiling = LONGEST_BACKOFF;
        }
        return Jitter.between(random, ceiling.dividedBy(2), ceiling);
    }

    private static String urlEncoded(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Optional<TokenGrant> grantIn(Reply reply) {
        JsonNode body = reply.body();
        String accessToken = text(body, "access_token");
        if (accessToken == null) {
            return Optional.empty();
        }
        return Optional.of(new TokenGrant(accessToken, text(body, "refresh_token"),
                seconds(body, "expires_in").orElse(null), text(body, "scope"), text(body, "token_type")));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static Optional<Duration> seconds(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isNumber()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CredentialFormat.seconds(value.decimalValue()));
        } catch (ArithmeticException outOfRange) {
            return Optional.empty();
        }
    }

    /** An answer that was not retried. Its string form names the status and OAuth error code, never the body. */
    private record Reply(int status, JsonNode body) {
        static Reply of(int status, byte[] content) {
            JsonNode body;
            try {
                body = JSON.readTree(content);
            } catch (IOException notJson) {
                body = null;
            }
            return new Reply(status, body == null ? MissingNode.getInstance() : body);
        }

        /** The OAuth {@code error} code, or "" when there is none. */
        String error() {
            return body.path("error").asText("");
        }

        @Override
        public String toString() {
            return "HTTP " + status + (error().isEmpty() ? "" : " " + error());
        }
    }
}
