package dev.agentserver.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * A successful answer of the token endpoint. Everything but the access token may be missing.
 *
 * @param refreshToken {@code null} when the server did not rotate it
 * @param expiresIn    {@code null} when the server did not say
 */
record TokenGrant(String accessToken, String refreshToken, Duration expiresIn, String scope, String tokenType) {

    /**
     * The credentials to store: what the server sent, completed from {@code previous} (null at login) where it
     * left something out, as RFC 6749 section 6 allows for the refresh token and the scope.
     */
    Credentials toCredentials(Credentials previous, Instant now) {
        return new Credentials(accessToken,
                refreshToken != null || previous == null ? refreshToken : previous.refreshToken(),
                expiresIn == null ? null : now.plus(expiresIn),
                scope != null || previous == null ? scope : previous.scope(),
                tokenType != null || previous == null ? tokenType : previous.tokenType(),
                expiresIn);
    }

    @Override
    public String toString() {
        return "TokenGrant[access_token=<redacted>, refresh_token=<redacted>, expires_in=" + expiresIn
                + ", scope=" + scope + ", token_type=" + tokenType + "]";
    }
}
