package dev.agentserver.server.agent;

import dev.agentserver.server.model.CancelSignal;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waits for an answer from the client in a way that a turn's cancel interrupts at once. */
final class Awaiting {

    private Awaiting() {
    }

    static <T> T await(CompletableFuture<T> future, CancelSignal cancel) throws CancelSignal.CancelledException {
        try (CancelSignal.Registration r = cancel.onCancel(() -> future.cancel(false))) {
            return future.get();
        } catch (CancellationException e) {
            throw new CancelSignal.CancelledException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelSignal.CancelledException();
        } catch (ExecutionException e) {
            if (cancel.isCancelled()) {
                throw new CancelSignal.CancelledException();
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
