package dev.agentserver.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * One process's auth set-up for a test: a data directory, fake time, a loopback OAuth server and the manager
 * wired to them, with helpers that play "another instance" by writing the credential file directly.
 */
final class AuthFixture implements AutoCloseable {
    static final String OAUTH_KEY = "oauth/kimi-code";
    static final CredentialKey KEY = CredentialKey.parse(OAUTH_KEY);

    final Path dataDir;
    final FakeTime time = new FakeTime();
    final FakeOAuthServer server;
    final OAuthManager manager;

    AuthFixture(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.server = FakeOAuthServer.start();
        this.manager = OAuthManager.builder(dataDir)
                .oauthHost(server.baseUri())
                .clock(time)
                .sleeper(time)
                .random(new Random(7))
                .build();
    }

    Path credentialFile() {
        return dataDir.resolve("credentials/kimi-code.json");
    }

    Path lockFile() {
        return dataDir.resolve("credentials/kimi-code.lock");
    }

    /** Has the server issue a pair and writes it, as a login elsewhere would; returns {access, refresh}. */
    String[] loggedIn(Duration expiresIn) {
        String[] pair = server.issuePair();
        writeCredentials(pair[0], pair[1], time.instant().plus(expiresIn));
        return pair;
    }

    /** Writes the file the way the Python implementation does: plain write, fractional expires_at, no expires_in. */
    void writeCredentials(String accessToken, String refreshToken, Instant expiresAt) {
        writeRaw("""
                {"access_token": "%s", "refresh_token": "%s", "expires_at": %d.5, "scope": "kimi-code", "token_type": "Bearer"}"""
                .formatted(accessToken, refreshToken, expiresAt.getEpochSecond()));
    }

    void writeRaw(String content) {
        try {
            Files.createDirectories(credentialFile().getParent());
            Files.writeString(credentialFile(), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] fileBytes() throws IOException {
        return Files.readAllBytes(credentialFile());
    }

    Credentials onFile() {
        return new CredentialStore(dataDir, temp -> { }).read(KEY).usable().orElseThrow();
    }

    CredentialedCaller caller(String apiKey) {
        return manager.caller(OAUTH_KEY, apiKey);
    }

    /** Takes the refresh lock on its own descriptor, as another process would; the manager then finds it busy. */
    RefreshLock.Held lockAsAnotherProcess() throws Exception {
        Files.createDirectories(lockFile().getParent());
        return new RefreshLock(new FakeTime(), new FakeTime(), new Random(), Duration.ZERO).acquire(lockFile());
    }

    /**
     * Another process on the same data directory and OAuth server: a manager with its own tombstone, single
     * flight and lock descriptor, its own clock, and {@code sleeper} for all its waits.
     */
    OAuthManager anotherProcess(Sleeper sleeper) {
        return OAuthManager.builder(dataDir)
                .oauthHost(server.baseUri())
                .clock(new FakeTime())
                .sleeper(sleeper)
                .random(new Random(11))
                .build();
    }

    /**
     * A background refresher over this fixture's files, server and time, waiting between checks on
     * {@code sleeper}. It has a tombstone of its own, not the manager's.
     */
    BackgroundRefresher backgroundRefresher(Sleeper sleeper) {
        CredentialStore store = new CredentialStore(dataDir, temp -> { });
        Tombstone tombstone = new Tombstone(time);
        TokenClient tokens = new TokenClient(HttpClient.newHttpClient(), server.baseUri(),
                OAuthManager.KIMI_CODE_CLIENT_ID, time, new Random(5));
        RefreshLock lock = new RefreshLock(time, time, new Random(5), RefreshLock.DEFAULT_BUDGET);
        Refresher refresher = new Refresher(store, lock, tombstone, tokens, time, time);
        return new BackgroundRefresher(store, tombstone, refresher, time, sleeper);
    }

    /** The credentialed API call: returns the bearer it was accepted with, or throws on the server's 401. */
    AuthorizedCall<String, RuntimeException> apiCall() {
        return bearer -> {
            if (!server.accepts(bearer)) {
                throw new BearerRejectedException("401 from the API");
            }
            return bearer;
        };
    }

    @Override
    public void close() {
        manager.close();
        server.close();
    }
}
