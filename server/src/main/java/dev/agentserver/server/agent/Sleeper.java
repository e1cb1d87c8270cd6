package dev.agentserver.server.agent;

import dev.agentserver.server.model.CancelSignal;
import java.time.Duration;

/** Waits between retries. Injected so tests never sleep; a cancel ends the wait at once. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration, CancelSignal cancel) throws CancelSignal.CancelledException;

    /** Real waiting, woken early by a cancel. */
    Sleeper REAL = (duration, cancel) -> {
        Object monitor = new Object();
        try (CancelSignal.Registration r = cancel.onCancel(() -> {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        })) {
            long deadline = System.nanoTime() + duration.toNanos();
            synchronized (monitor) {
                long left;
                while (!cancel.isCancelled() && (left = deadline - System.nanoTime()) > 0) {
                    monitor.wait(Math.max(1, left / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelSignal.CancelledException();
        }
        cancel.throwIfCancelled();
    };
}
