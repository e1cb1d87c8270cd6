package dev.agentserver.server.sim;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The simulated OAuth server's memory of tokens. Every refresh rotates: the presented refresh token is
 * spent and a new pair is issued. A spent, revoked or unknown refresh token is rejected. Earlier access
 * tokens stay valid until they expire (as with real servers) or the expire knob ends them.
 */
final class TokenAuthority {

    /** What happened to a refresh token. */
    enum RefreshTokenState { VALID, ROTATED, REVOKED }

    /** The outcome of one refresh request: a new grant, or the reason it was refused. */
    record RefreshOutcome(TokenGrant grant, String rejection) {
        boolean granted() {
            return grant != null;
        }
    }

    private final Clock clock;
    private final int accessLifetimeSeconds;
    private final Map<String, Instant> accessTokenExpiry = new HashMap<>();
    private final Map<String, RefreshTokenState> refreshTokens = new HashMap<>();
    private final Map<String, Integer> refreshRequestsByToken = new LinkedHashMap<>();
    private int serial;
    private int issued;
    private int refreshRequests;
    private int refreshSucceeded;
    private int refreshRejected;
    private int rotatedTokenReuses;

    TokenAuthority(Clock clock, int accessLifetimeSeconds) {
        this.clock = clock;
        this.accessLifetimeSeconds = accessLifetimeSeconds;
    }

    synchronized TokenGrant issue() {
        serial++;
        issued++;
        String suffix = serial + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        String access = "sim-at-" + suffix;
        String refresh = "sim-rt-" + suffix;
        accessTokenExpiry.put(access, clock.instant().plusSeconds(accessLifetimeSeconds));
        refreshTokens.put(refresh, RefreshTokenState.VALID);
        return new TokenGrant(access, refresh, accessLifetimeSeconds);
    }

    synchronized RefreshOutcome refresh(String refreshToken) {
        refreshRequests++;
        refreshRequestsByToken.merge(refreshToken, 1, Integer::sum);
        RefreshTokenState state = refreshTokens.get(refreshToken);
        if (state != RefreshTokenState.VALID) {
            refreshRejected++;
            if (state == RefreshTokenState.ROTATED) {
                rotatedTokenReuses++;
                return new RefreshOutcome(null, "the refresh token was already used (rotated)");
            }
            return new RefreshOutcome(null, state == RefreshTokenState.REVOKED
                    ? "the refresh token was revoked" : "unknown refresh token");
        }
        refreshTokens.put(refreshToken, RefreshTokenState.ROTATED);
        refreshSucceeded++;
        return new RefreshOutcome(issue(), null);
    }

    synchronized boolean accessTokenValid(String token) {
        Instant expiry = accessTokenExpiry.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /** Ends every access token issued so far; the next chat request with one of them gets 401. */
    synchronized int expireAccessTokens() {
        int count = accessTokenExpiry.size();
        accessTokenExpiry.clear();
        return count;
    }

    /** Revokes every refresh token still usable, as a user signing out elsewhere would. */
    synchronized int revokeRefreshTokens() {
        int count = 0;
        for (Map.Entry<String, RefreshTokenState> entry : refreshTokens.entrySet()) {
            if (entry.getValue() == RefreshTokenState.VALID) {
                entry.setValue(RefreshTokenState.REVOKED);
                count++;
            }
        }
        return count;
    }

    synchronized SimulatorStats.Tokens stats() {
        int validAccess = (int) accessTokenExpiry.values().stream().filter(clock.instant()::isBefore).count();
        return new SimulatorStats.Tokens(issued, validAccess, refreshRequests, refreshSucceeded, refreshRejected,
                rotatedTokenReuses, Collections.unmodifiableMap(new LinkedHashMap<>(refreshRequestsByToken)));
    }
}
