package dev.agentserver.server.llm;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response body when no bytes have arrived for the idle timeout, so that a reader blocked on a
 * silent stream fails instead of hanging. A blocking read has no timeout of its own, hence this timer.
 * One shared daemon thread serves every stream: each costs it one check per timeout period.
 */
final class IdleWatchdog implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-stream-idle-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final InputStream body;
    private final long timeoutNanos;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean fired;
    private ScheduledFuture<?> check;
    private boolean closed;

    private IdleWatchdog(InputStream body, Duration timeout) {
        this.body = body;
        this.timeoutNanos = timeout.toNanos();
    }

    /** Starts watching {@code body}; read through {@link #stream()} so that each read counts as activity. */
    static IdleWatchdog watch(InputStream body, Duration timeout) {
        IdleWatchdog watchdog = new IdleWatchdog(body, timeout);
        watchdog.schedule(watchdog.timeoutNanos);
        return watchdog;
    }

    InputStream stream() {
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                lastActivity = System.nanoTime();
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                lastActivity = System.nanoTime();
                return n;
            }
        };
    }

    /** Whether the stream was closed because it went silent (as opposed to breaking or being cancelled). */
    boolean fired() {
        return fired;
    }

    private synchronized void schedule(long delayNanos) {
        if (!closed) {
            check = TIMER.schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkIdle() {
        long idle = System.nanoTime() - lastActivity;
        if (idle < timeoutNanos) {
            schedule(timeoutNanos - idle);
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            fired = true;
        }
        try {
            body.close();
        } catch (IOException ignored) {
            // the reader sees the stream fail either way
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (check != null) {
            check.cancel(false);
        }
    }
}
