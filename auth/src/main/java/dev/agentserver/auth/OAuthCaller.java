package dev.agentserver.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The whole 401 story for a provider with an OAuth key, from the bearer a call is given to the
 * {@link AuthRequiredException} the front ends turn into "log in again":
 * <ol>
 * <li>Before the call: the access token in the file, refreshed first when it is about to expire; the static api
 *     key when the file has no usable credentials (absent, malformed, or its refresh token tombstoned).</li>
 * <li>First 401: re-read the file and adopt a token another instance rotated in, else refresh (under the lock,
 *     in {@link Refresher}), else fall back to the api key; then call once more.</li>
 * <li>A 401 to that retry is the confirmed second rejection: {@link AuthRequiredException}.</li>
 * </ol>
 * Transient trouble (lock busy, OAuth server down) surfaces as {@link AuthUnavailableException} and never as
 * auth required.
 */
final class OAuthCaller implements CredentialedCaller {
    private static final Logger log = LoggerFactory.getLogger(OAuthCaller.class);
    /** A token this close to expiry is refreshed before use rather than sent to be refused. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

    private final CredentialKey key;
    private final String apiKey;
    private final CredentialStore store;
    private final Tombstone tombstone;
    private final Refresher refresher;
    private final InstantSource clock;

    /** @param apiKey the provider's static api key, or null when it has none */
    OAuthCaller(CredentialKey key, String apiKey, CredentialStore store, Tombstone tombstone, Refresher refresher,
                InstantSource clock) {
        this.key = key;
        this.apiKey = apiKey;
        this.store = store;
        this.tombstone = tombstone;
        this.refresher = refresher;
        this.clock = clock;
    }

    @Override
    public <T, X extends Exception> T call(AuthorizedCall<T, X> call)
            throws X, AuthRequiredException, AuthUnavailableException {
        String bearer = bearerBeforeCall();
        try {
            return call.call(bearer);
        } catch (BearerRejectedException first) {
            log.info("{}: the bearer was rejected (401); recovering", key);
            String next = bearerAfterRejection(bearer);
            try {
                return call.call(next);
            } catch (BearerRejectedException second) {
                throw new AuthRequiredException("the credentials for " + key
                        + " were rejected again after recovery; log in again", second);
            }
        }
    }

    @Override
    public boolean usesOAuth() {
        return true;
    }

    @Override
    public boolean hasUsableCredentials() {
        return usableOnFile().isPresent() || apiKey != null;
    }

    private String bearerBeforeCall() throws AuthRequiredException, AuthUnavailableException {
        Optional<Credentials> onFile = usableOnFile();
        if (onFile.isEmpty()) {
            return fallbackOtherThan(null);
        }
        Credentials credentials = onFile.get();
        Instant now = clock.instant();
        if (!credentials.expiresWithin(EXPIRY_MARGIN, now)) {
            return credentials.accessToken();
        }
        try {
            return bearerFrom(refresher.refreshUnlessRotated(key, credentials.accessToken()), null);
        } catch (AuthUnavailableException unavailable) {
            if (credentials.isExpired(now)) {
                throw unavailable;
            }
            log.info("{}: early refresh failed ({}); the current token still has a little while",
                    key, unavailable.getMessage());
            return credentials.accessToken();
        }
    }

    private String bearerAfterRejection(String rejected) throws AuthRequiredException, AuthUnavailableException {
        Optional<Credentials> onFile = usableOnFile();
        if (onFile.isEmpty()) {
            return fallbackOtherThan(rejected);
        }
        Credentials credentials = onFile.get();
        if (!credentials.accessToken().equals(rejected) && !credentials.isExpired(clock.instant())) {
            log.info("{}: the file holds another access token; retrying with it", key);
            return credentials.accessToken();
        }
        Optional<Credentials> refreshed = refresher.refreshUnlessRotated(key, credentials.accessToken());
        if (refreshed.isPresent() && refreshed.get().accessToken().equals(rejected)) {
            // We joined a refresh started from an older view of the file, and it handed back the very token that
            // was just refused. One flight of our own settles it.
            refreshed = refresher.refreshUnlessRotated(key, rejected);
        }
        return bearerFrom(refreshed, rejected);
    }

    /** The credentials in the file, unless there are none, they are malformed, or their refresh token is tombstoned. */
    private Optional<Credentials> usableOnFile() {
        return store.read(key).usable().filter(found -> !tombstone.isLive(key, found.refreshToken()));
    }

    private String bearerFrom(Optional<Credentials> credentials, String rejected) throws AuthRequiredException {
        if (credentials.isPresent() && !credentials.get().accessToken().equals(rejected)) {
            return credentials.get().accessToken();
        }
        return fallbackOtherThan(rejected);
    }

    /** The static api key when there is one, unless it is the bearer that was just refused. */
    private String fallbackOtherThan(String rejected) throws AuthRequiredException {
        if (apiKey != null && !apiKey.equals(rejected)) {
            return apiKey;
        }
        throw new AuthRequiredException("no usable OAuth credentials for " + key + "; log in again");
    }

    @Override
    public String toString() {
        return "OAuthCaller[key=" + key + ", api_key=" + (apiKey == null ? "none" : "<redacted>") + "]";
    }
}
