package dev.agentserver.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * The main of the separate JVMs that the multi-process tests start. It talks a line protocol: it prints
 * {@code ready} once set up, then answers each line on stdin.
 * <ul>
 * <li>{@code caller DATA_DIR OAUTH_HOST}: each {@code call} makes one credentialed call to the fake server's
 *     {@code /api/check} through the recovery path, and prints {@code ok} or {@code error TYPE: MESSAGE}.
 *     With {@code -Dauth.test.pauseBeforeRename=true} a save prints {@code paused-before-rename} once its temp
 *     file is written and then blocks, so the test can kill the process right there.</li>
 * <li>{@code lock-markers LOCK_FILE MARKERS_FILE ID ROUNDS}: on {@code go}, takes the refresh lock ROUNDS times
 *     and appends {@code begin ID} and {@code end ID} to the markers file while holding it; then prints
 *     {@code done}.</li>
 * </ul>
 */
public final class ProcessWorker {
    static final String PAUSE_BEFORE_RENAME = "auth.test.pauseBeforeRename";

    private ProcessWorker() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        switch (args[0]) {
            case "caller" -> serveCalls(stdin, Path.of(args[1]), URI.create(args[2]));
            case "lock-markers" -> writeMarkers(stdin, Path.of(args[1]), Path.of(args[2]), args[3], Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void serveCalls(BufferedReader stdin, Path dataDir, URI host) throws IOException {
        OAuthManager.Builder builder = OAuthManager.builder(dataDir).oauthHost(host);
        if (Boolean.getBoolean(PAUSE_BEFORE_RENAME)) {
            builder.beforeRename(temp -> {
                say("paused-before-rename " + temp);
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try (OAuthManager manager = builder.build(); HttpClient http = HttpClient.newHttpClient()) {
            CredentialedCaller caller = manager.caller(OAuthManager.KIMI_CODE_OAUTH_KEY, null);
            say("ready");
            for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
                try {
                    caller.call(bearer -> check(http, host, bearer));
                    say("ok");
                } catch (Exception failed) {
                    say("error " + failed.getClass().getSimpleName() + ": " + failed.getMessage());
                }
            }
        }
    }

    private static String check(HttpClient http, URI host, String bearer)
            throws BearerRejectedException, IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(host.resolve("/api/check"))
                .header("Authorization", "Bearer " + bearer).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401) {
            throw new BearerRejectedException("401 from /api/check");
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static void writeMarkers(BufferedReader stdin, Path lockFile, Path markers, String id, int rounds)
            throws Exception {
        RefreshLock lock = new RefreshLock(Clock.systemUTC(), Sleeper.real(), new Random(), RefreshLock.DEFAULT_BUDGET);
        say("ready");
        stdin.readLine();
        for (int round = 0; round < rounds; round++) {
            try (RefreshLock.Held _ = lock.acquire(lockFile)) {
                append(markers, "begin " + id);
                spinBriefly(); // widens the window in which another process would slip in if the lock did not exclude it
                append(markers, "end " + id);
            }
        }
        say("done");
    }

    private static void append(Path markers, String line) throws IOException {
        Files.writeString(markers, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void spinBriefly() {
        long until = System.nanoTime() + 200_000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
