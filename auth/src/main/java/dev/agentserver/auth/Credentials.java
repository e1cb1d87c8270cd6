package dev.agentserver.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * One access/refresh token pair as held in the credential file. Whether it is fresh is always computed from a
 * clock reading passed in, never stored beside it.
 *
 * @param expiresAt when the access token expires; {@code null} when the file does not say
 * @param scope     {@code null} when absent
 * @param tokenType {@code null} when absent
 * @param expiresIn the lifetime the server granted; {@code null} when absent
 */
record Credentials(String accessToken, String refreshToken, Instant expiresAt, String scope, String tokenType,
                   Duration expiresIn) {

    /** Whether the access token is expired at {@code now + margin}; a token of unknown expiry never is. */
    boolean expiresWithin(Duration margin, Instant now) {
        return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
    }

    boolean isExpired(Instant now) {
        return expiresWithin(Duration.ZERO, now);
    }

    @Override
    public String toString() {
        return "Credentials[access_token=<redacted>, refresh_token=<redacted>, expires_at=" + expiresAt
                + ", scope=" + scope + ", token_type=" + tokenType + ", expires_in=" + expiresIn + "]";
    }
}
