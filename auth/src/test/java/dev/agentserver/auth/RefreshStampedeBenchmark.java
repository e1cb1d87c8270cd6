package dev.agentserver.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: a figure to report. Many concurrent callers (virtual threads) in one process meet an expired
 * access token at the same moment; prints how many HTTP refresh requests reached the loopback OAuth server
 * and how long it took until every caller had its bearer. Real clock, real sleeper, real lock.
 * <p>
 * Run from {@code auth/}: {@code java --enable-native-access=ALL-UNNAMED -cp target/test-classes:target/classes:<deps>
 * dev.agentserver.auth.RefreshStampedeBenchmark [callers] [rounds]}
 */
public final class RefreshStampedeBenchmark {
    private RefreshStampedeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int callers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dataDir = Files.createTempDirectory("refresh-stampede");
        CredentialKey key = CredentialKey.parse(OAuthManager.KIMI_CODE_OAUTH_KEY);
        CredentialStore store = new CredentialStore(dataDir, temp -> { });
        try (FakeOAuthServer server = FakeOAuthServer.start();
             OAuthManager manager = OAuthManager.builder(dataDir).oauthHost(server.baseUri()).build()) {
            CredentialedCaller caller = manager.caller(OAuthManager.KIMI_CODE_OAUTH_KEY, null);
            for (int round = 1; round <= rounds; round++) {
                String[] pair = server.issuePair();
                store.save(key, new Credentials(pair[0], pair[1], Instant.now().minusSeconds(1), "kimi-code", "Bearer", null));
                int refreshesBefore = server.refreshRequests();

                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> bearers = new ArrayList<>();
                long elapsedNanos;
                try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < callers; i++) {
                        bearers.add(threads.submit(() -> {
                            go.await();
                            AuthorizedCall<String, RuntimeException> echo = bearer -> bearer;
                            return caller.call(echo);
                        }));
                    }
                    long start = System.nanoTime();
                    go.countDown();
                    for (Future<String> bearer : bearers) {
                        bearer.get();
                    }
                    elapsedNanos = System.nanoTime() - start;
                }
                long distinct = bearers.stream().map(Future::resultNow).distinct().count();
                System.out.printf("round %d: %d concurrent callers on an expired token -> %d HTTP refresh request(s),"
                                + " %d distinct bearer(s), %.1f ms until all had it%n",
                        round, callers, server.refreshRequests() - refreshesBefore, distinct, elapsedNanos / 1e6);
            }
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
