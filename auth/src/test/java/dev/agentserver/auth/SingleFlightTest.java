package dev.agentserver.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class SingleFlightTest {
    private static final int CALLERS = 50;
    private final SingleFlight<String> flights = new SingleFlight<>();
    private final AtomicInteger runs = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void concurrentCallersShareOneRunAndItsValue() throws Exception {
        List<CompletableFuture<String>> outcomes = startCallers(() -> {
            runs.incrementAndGet();
            awaitQuietly(release);
            return "the one value";
        });

        release.countDown();

        for (CompletableFuture<String> outcome : outcomes) {
            assertThat(outcome.get()).isEqualTo("the one value");
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    void concurrentCallersShareOneRunAndItsFailure() {
        AuthUnavailableException failure = new AuthUnavailableException("lock busy");
        List<CompletableFuture<String>> outcomes = startCallers(() -> {
            runs.incrementAndGet();
            awaitQuietly(release);
            throw failure;
        });

        release.countDown();

        for (CompletableFuture<String> outcome : outcomes) {
            assertThatThrownBy(outcome::get).hasCause(failure);
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    void aCallerAfterTheFlightLandedStartsANewOne() throws Exception {
        assertThat(flights.run("kimi-code", () -> "first")).isEqualTo("first");
        assertThat(flights.run("kimi-code", () -> "second")).isEqualTo("second");
    }

    @Test
    void differentKeysFlySeparately() throws Exception {
        String outer = flights.run("a", () -> flights.run("b", () -> "inner"));
        assertThat(outer).isEqualTo("inner");
    }

    /** Starts the callers and returns once every one of them is blocked: the runner in the task, the rest joined. */
    private List<CompletableFuture<String>> startCallers(SingleFlight.Task<String> task) {
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            CompletableFuture<String> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    outcome.complete(flights.run("kimi-code", task));
                } catch (Throwable failure) {
                    outcome.completeExceptionally(failure);
                }
            }));
        }
        await().until(() -> threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        return outcomes;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
