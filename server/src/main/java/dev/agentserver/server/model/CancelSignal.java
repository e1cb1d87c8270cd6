package dev.agentserver.server.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The cancellation of one turn. Whoever holds work that must stop promptly (an HTTP stream, a child
 * process, a pending client request) registers an action; {@link #cancel()} runs every action once.
 */
public final class CancelSignal {

    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        for (Runnable action : toRun) {
            try {
                action.run();
            } catch (RuntimeException ignored) {
                // One failing clean-up must not stop the others; each owner logs its own failures.
            }
        }
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs {@code action} on cancel (at once if already cancelled). Closing the returned handle
     * unregisters it, so that finished work leaves nothing behind.
     */
    public Registration onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                actions.add(action);
                return () -> {
                    synchronized (CancelSignal.this) {
                        actions.remove(action);
                    }
                };
            }
        }
        action.run();
        return () -> { };
    }

    public void throwIfCancelled() throws CancelledException {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Thrown by work that noticed the turn was cancelled. */
    public static final class CancelledException extends Exception {
        public CancelledException() {
            super("cancelled", null, false, false);
        }
    }
}
