package dev.agentserver.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Everything this process knows and does about OAuth credentials. Exactly one exists per process: created at
 * start-up and passed to whatever needs it, because the tombstone, the in-process single flight and the
 * background refresher only work when they are shared by every caller.
 * <p>
 * Credentialed calls go through {@link #caller}; the CLI's {@code login}, {@code logout} and {@code info} use
 * {@link #login}, {@link #logout} and {@link #status}.
 */
public final class OAuthManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OAuthManager.class);
    /** Kimi Code's public client id for the device flow (a public client: no secret). */
    public static final String KIMI_CODE_CLIENT_ID = "17e5f671-d194-4dfb-9706-5516cb48c098";
    public static final URI DEFAULT_OAUTH_HOST = URI.create("https://auth.kimi.com");
    /** The OAuth key Kimi Code's config uses, naming {@code credentials/kimi-code.json}. */
    public static final String KIMI_CODE_OAUTH_KEY = "oauth/kimi-code";

    private final Path dataDir;
    private final InstantSource clock;
    private final CredentialStore store;
    private final RefreshLock lock;
    private final Tombstone tombstone;
    private final Refresher refresher;
    private final DeviceLogin deviceLogin;
    private final BackgroundRefresher backgroundRefresher;
    private final HttpClient ownedHttpClient;

    private OAuthManager(Builder builder) {
        HttpClient http = builder.httpClient != null ? builder.httpClient : defaultHttpClient();
        RandomGenerator random = builder.random != null ? builder.random : new Random();
        this.dataDir = builder.dataDir;
        this.clock = builder.clock;
        this.ownedHttpClient = builder.httpClient == null ? http : null;
        this.store = new CredentialStore(builder.dataDir, builder.beforeRename);
        this.lock = new RefreshLock(builder.clock, builder.sleeper, random, RefreshLock.DEFAULT_BUDGET);
        this.tombstone = new Tombstone(builder.clock);
        TokenClient tokens = new TokenClient(http, builder.oauthHost, builder.clientId, builder.sleeper, random);
        this.refresher = new Refresher(store, lock, tombstone, tokens, builder.clock, builder.sleeper);
        this.deviceLogin = new DeviceLogin(tokens, builder.clock, builder.sleeper);
        this.backgroundRefresher = new BackgroundRefresher(store, tombstone, refresher, builder.clock, builder.sleeper);
    }

    /** A builder with production defaults for everything but the data directory. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** The production manager for an environment: {@code KIMI_SHARE_DIR} and {@code KIMI_CODE_OAUTH_HOST}. */
    public static OAuthManager fromEnvironment(Map<String, String> env) {
        return builder(dataDirFrom(env)).oauthHost(oauthHostFrom(env)).build();
    }

    /** {@code KIMI_SHARE_DIR}, else {@code ~/.kimi}. */
    public static Path dataDirFrom(Map<String, String> env) {
        String shareDir = env.get("KIMI_SHARE_DIR");
        return isBlank(shareDir) ? Path.of(System.getProperty("user.home"), ".kimi") : Path.of(shareDir);
    }

    /** {@code KIMI_CODE_OAUTH_HOST}, else its alias {@code KIMI_OAUTH_HOST}, else {@link #DEFAULT_OAUTH_HOST}. */
    public static URI oauthHostFrom(Map<String, String> env) {
        for (String name : new String[] {"KIMI_CODE_OAUTH_HOST", "KIMI_OAUTH_HOST"}) {
            if (!isBlank(env.get(name))) {
                return URI.create(env.get(name));
            }
        }
        return DEFAULT_OAUTH_HOST;
    }

    /**
     * The caller for one provider.
     *
     * @param oauthKeyOrNull      the provider's OAuth key, e.g. {@code "oauth/kimi-code"}; null for none
     * @param staticApiKeyOrNull  the provider's api key; null or blank for none. With an OAuth key it is the
     *                            fallback while the OAuth credentials are missing or their refresh token is
     *                            tombstoned.
     */
    public CredentialedCaller caller(String oauthKeyOrNull, String staticApiKeyOrNull) {
        String apiKey = isBlank(staticApiKeyOrNull) ? null : staticApiKeyOrNull;
        if (oauthKeyOrNull == null) {
            return new ApiKeyCaller(apiKey);
        }
        return new OAuthCaller(CredentialKey.parse(oauthKeyOrNull), apiKey, store, tombstone, refresher, clock);
    }

    /** Starts refreshing {@code oauthKey} ahead of expiry. Calling it again, for any key, starts no second thread. */
    public void startBackgroundRefresher(String oauthKey) {
        backgroundRefresher.watch(CredentialKey.parse(oauthKey));
    }

    /**
     * Logs in with the device flow: {@code listener} is told the verification URL and user code (again if the
     * code expires and the flow starts over); when the user has approved, the credentials are written atomically
     * under the refresh lock and any tombstone for the key is cleared.
     *
     * @throws LoginFailedException     the user denied it, or the OAuth server refused the client or the code
     * @throws AuthUnavailableException the OAuth server stayed unavailable, or the lock was not had in time
     */
    public LoginResult login(String oauthKey, DeviceLoginListener listener)
            throws LoginFailedException, AuthUnavailableException, InterruptedException {
        CredentialKey key = CredentialKey.parse(oauthKey);
        TokenGrant grant = deviceLogin.obtainGrant(listener);
        if (grant.refreshToken() == null) {
            throw new LoginFailedException("the OAuth server granted no refresh token");
        }
        Credentials credentials = grant.toCredentials(null, clock.instant());
        try (RefreshLock.Held _ = lock.acquire(store.lockFile(key))) {
            store.save(key, credentials);
        } catch (IOException writeFailed) {
            throw new LoginFailedException("could not save the credentials to " + store.file(key) + ": " + writeFailed, writeFailed);
        }
        tombstone.clear(key);
        log.info("{}: logged in; the access token expires at {}", key, credentials.expiresAt());
        return new LoginResult(oauthKey, Optional.ofNullable(credentials.expiresAt()), Optional.ofNullable(credentials.scope()));
    }

    /**
     * Deletes the key's credential file, the only place that does. It takes the refresh lock first, so that a
     * refresh finishing in another process cannot write the file back.
     *
     * @throws IllegalStateException the lock was not had in time (another process is refreshing): try again
     * @throws UncheckedIOException  the file could not be deleted
     */
    public void logout(String oauthKey) {
        CredentialKey key = CredentialKey.parse(oauthKey);
        try (RefreshLock.Held _ = lock.acquire(store.lockFile(key))) {
            if (store.delete(key)) {
                log.info("{}: logged out; deleted {}", key, store.file(key));
            }
        } catch (IOException deleteFailed) {
            throw new UncheckedIOException("could not delete " + store.file(key), deleteFailed);
        } catch (AuthUnavailableException busy) {
            throw new IllegalStateException("could not log out: " + busy.getMessage(), busy);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while logging out", interrupted);
        }
        tombstone.clear(key);
    }

    /** What the credential file holds, without any token value. */
    public CredentialStatus status(String oauthKey) {
        CredentialKey key = CredentialKey.parse(oauthKey);
        Path file = store.file(key);
        return switch (store.read(key)) {
            case StoredCredentials.Present(Credentials found) -> new CredentialStatus(oauthKey, file,
                    CredentialStatus.State.PRESENT, Optional.empty(), Optional.ofNullable(found.expiresAt()),
                    Optional.ofNullable(found.scope()), Optional.ofNullable(found.tokenType()),
                    tombstone.isLive(key, found.refreshToken()));
            case StoredCredentials.Absent() -> new CredentialStatus(oauthKey, file, CredentialStatus.State.ABSENT,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
            case StoredCredentials.Malformed(String problem) -> new CredentialStatus(oauthKey, file,
                    CredentialStatus.State.MALFORMED, Optional.of(problem), Optional.empty(), Optional.empty(),
                    Optional.empty(), false);
        };
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the background refresher and releases the HTTP client this manager made for itself. */
    @Override
    public void close() {
        backgroundRefresher.close();
        if (ownedHttpClient != null) {
            ownedHttpClient.close();
        }
    }

    private static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Production defaults for all but the data directory; tests replace time, sleeping, randomness and HTTP. */
    public static final class Builder {
        private final Path dataDir;
        private URI oauthHost = DEFAULT_OAUTH_HOST;
        private String clientId = KIMI_CODE_CLIENT_ID;
        private InstantSource clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.real();
        private RandomGenerator random;
        private HttpClient httpClient;
        private Consumer<Path> beforeRename = temp -> { };

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        public Builder oauthHost(URI oauthHost) {
            this.oauthHost = Objects.requireNonNull(oauthHost, "oauthHost");
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The source of jitter; must be safe to share between threads. Default: a {@link Random}. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** An HTTP client owned by the caller, who also closes it. Default: one the manager makes and closes. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** Test seam: runs after the temp file of a save is written and synced, before its rename. */
        Builder beforeRename(Consumer<Path> beforeRename) {
            this.beforeRename = Objects.requireNonNull(beforeRename, "beforeRename");
            return this;
        }

        public OAuthManager build() {
            return new OAuthManager(this);
        }
    }
}
