package dev.agentserver.server.acp;

import dev.agentserver.server.model.CancelSignal;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * Waits for the client's answers to the agent's own requests (fs, terminal) on a turn's thread. A wait
 * ends when the answer comes, when the turn is cancelled, or when the connection closes: lsp4j leaves a
 * request unanswered forever once the input ends, and a turn blocked on it would never finish.
 *
 * <p>The engine's future is never cancelled here: lsp4j would answer that with an LSP
 * {@code $/cancelRequest}, which ACP peers do not know.
 */
final class ClientCalls {

    /** Thrown when the time given to {@link #await(CompletableFuture, CancelSignal, Duration)} runs out. */
    static final class TimedOut extends Exception {
        TimedOut() {
            super("the client did not answer in time", null, false, false);
        }
    }

    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private static final class ConnectionClosed extends RuntimeException {
        ConnectionClosed() {
            super("the client connection is closed", null, false, false);
        }
    }

    private final Set<CompletableFuture<?>> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Waits without a cancel: for calls that the client answers promptly (fs). */
    <T> T await(CompletableFuture<T> call) throws IOException {
        try {
            return await(call, new CancelSignal());
        } catch (CancelSignal.CancelledException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    <T> T await(CompletableFuture<T> call, CancelSignal cancel) throws IOException, CancelSignal.CancelledException {
        try {
            return await(call, cancel, null);
        } catch (TimedOut impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** @param limit how long to wait, or null for as long as it takes */
    <T> T await(CompletableFuture<T> call, CancelSignal cancel, Duration limit)
            throws IOException, CancelSignal.CancelledException, TimedOut {
        CompletableFuture<T> answer = new CompletableFuture<>();
        call.whenComplete((value, error) -> {
            if (error == null) {
                answer.complete(value);
            } else {
                answer.completeExceptionally(error);
            }
        });
        waiting.add(answer);
        if (closed) {
            answer.completeExceptionally(new ConnectionClosed());
        }
        try (CancelSignal.Registration _ = cancel.onCancel(() -> answer.completeExceptionally(new Cancelled()))) {
            return limit == null ? answer.get() : answer.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new TimedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelSignal.CancelledException();
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        } finally {
            waiting.remove(answer);
        }
    }

    private static IOException translate(Throwable cause) throws CancelSignal.CancelledException {
        if (cause instanceof Cancelled) {
            throw new CancelSignal.CancelledException();
        }
        if (cause instanceof ResponseErrorException error) {
            return new ClientError(error.getResponseError().getCode(), error.getResponseError().getMessage());
        }
        return new IOException(cause.getMessage(), cause);
    }

    /** The client answered with an error. */
    static final class ClientError extends IOException {

        private final int code;

        ClientError(int code, String message) {
            super(message);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    /** End of input: every wait ends with an error now, and every later one at once. */
    void closeAll() {
        closed = true;
        for (CompletableFuture<?> answer : waiting) {
            answer.completeExceptionally(new ConnectionClosed());
        }
    }
}
