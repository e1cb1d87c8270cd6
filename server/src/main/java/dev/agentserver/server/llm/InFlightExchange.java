package dev.agentserver.server.llm;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One HTTP exchange that a cancel may abort from another thread at any moment: before the response
 * arrives (the future is cancelled) or while its body is being read (the body is closed, which makes the
 * blocked read fail at once and drops the connection).
 */
final class InFlightExchange {

    private final CompletableFuture<HttpResponse<InputStream>> pending;
    private InputStream body;
    private boolean aborted;

    InFlightExchange(CompletableFuture<HttpResponse<InputStream>> pending) {
        this.pending = pending;
    }

    /** Waits for the response headers. */
    HttpResponse<InputStream> response() throws ExecutionException, InterruptedException {
        return pending.get();
    }

    void abort() {
        InputStream toClose;
        synchronized (this) {
            aborted = true;
            toClose = body;
        }
        pending.cancel(true);
        closeQuietly(toClose);
    }

    /** Hands over the body of the response; if the exchange was aborted meanwhile, closes it at once. */
    void attach(InputStream responseBody) {
        boolean closeNow;
        synchronized (this) {
            body = responseBody;
            closeNow = aborted;
        }
        if (closeNow) {
            closeQuietly(responseBody);
        }
    }

    static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how we stop the exchange; a failure to close changes nothing for the caller
        }
    }
}
