package dev.agentserver.auth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * The JSON of {@code kimi-code.json}: {@code access_token}, {@code refresh_token}, {@code expires_at} (epoch
 * seconds, possibly fractional), {@code scope}, {@code token_type}, {@code expires_in}. Reading is tolerant the
 * way the other implementations that share the file need it to be: {@code scope}, {@code token_type},
 * {@code expires_in} and {@code expires_at} may be missing, unknown fields are ignored.
 */
final class CredentialFormat {
    private static final ObjectMapper JSON = new ObjectMapper()
            // Two documents in one file are what a torn, non-atomic write by someone else looks like.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Exact decimals: expires_at keeps its fraction, and an absurd exponent is out of range, not infinite.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private CredentialFormat() {
    }

    /**
     * Problems are described in our own words: parser messages quote the input, and the input holds secrets.
     */
    static StoredCredentials parse(byte[] content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException notJson) {
            return new StoredCredentials.Malformed("not valid JSON");
        }
        if (root == null || !root.isObject()) {
            return new StoredCredentials.Malformed("not a JSON object");
        }
        String accessToken = requiredText(root, "access_token");
        String refreshToken = requiredText(root, "refresh_token");
        if (accessToken == null || refreshToken == null) {
            return new StoredCredentials.Malformed("access_token or refresh_token missing or empty");
        }
        JsonNode expiresAt = root.path("expires_at");
        JsonNode expiresIn = root.path("expires_in");
        if (!isNumberOrAbsent(expiresAt) || !isNumberOrAbsent(expiresIn)) {
            return new StoredCredentials.Malformed("expires_at or expires_in is not a number");
        }
        try {
            return new StoredCredentials.Present(new Credentials(accessToken, refreshToken,
                    expiresAt.isNumber() ? epochSeconds(expiresAt.decimalValue()) : null,
                    optionalText(root, "scope"), optionalText(root, "token_type"),
                    expiresIn.isNumber() ? seconds(expiresIn.decimalValue()) : null));
        } catch (ArithmeticException | DateTimeException outOfRange) {
            return new StoredCredentials.Malformed("expires_at or expires_in is out of range");
        }
    }

    static byte[] format(Credentials credentials) {
        ObjectNode root = JSON.createObjectNode();
        root.put("access_token", credentials.accessToken());
        root.put("refresh_token", credentials.refreshToken());
        if (credentials.expiresAt() != null) {
            root.put("expires_at", epochSeconds(credentials.expiresAt()));
        }
        if (credentials.scope() != null) {
            root.put("scope", credentials.scope());
        }
        if (credentials.tokenType() != null) {
            root.put("token_type", credentials.tokenType());
        }
        if (credentials.expiresIn() != null) {
            root.put("expires_in", seconds(credentials.expiresIn()));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", impossible);
        }
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode value = root.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode value = root.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static boolean isNumberOrAbsent(JsonNode value) {
        return value.isMissingNode() || value.isNull() || value.isNumber();
    }

    static Instant epochSeconds(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    // Microseconds, as the Python implementation writes time.time() based values.
    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond())
                .add(BigDecimal.valueOf(instant.getNano() / 1_000, 6))
                .stripTrailingZeros();
    }

    static Duration seconds(BigDecimal seconds) {
        return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros();
    }
}
