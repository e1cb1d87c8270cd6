package dev.agentserver.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

/**
 * The refreshes in flight in this process, at most one per credential name. The first caller runs the task;
 * callers arriving while it runs wait for it and get the same value or the same exception. The slot is emptied
 * only by the caller that filled it, once the outcome is published.
 */
final class SingleFlight<V> {

    @FunctionalInterface
    interface Task<V> {
        V run() throws AuthUnavailableException;
    }

    private final ConcurrentMap<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    V run(String name, Task<V> task) throws AuthUnavailableException {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(name, mine);
        if (running != null) {
            return awaitOutcome(running);
        }
        try {
            V value = task.run();
            mine.complete(value);
            return value;
        } catch (AuthUnavailableException | RuntimeException | Error failure) {
            mine.completeExceptionally(failure);
            throw failure;
        } finally {
            inFlight.remove(name, mine);
        }
    }

    private V awaitOutcome(CompletableFuture<V> running) throws AuthUnavailableException {
        try {
            return running.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AuthUnavailableException("interrupted while waiting for a refresh in progress", interrupted);
        } catch (ExecutionException failed) {
            switch (failed.getCause()) {
                case AuthUnavailableException unavailable -> throw unavailable;
                case RuntimeException bug -> throw bug;
                case Error error -> throw error;
                default -> throw new IllegalStateException(failed.getCause());
            }
        }
    }
}
