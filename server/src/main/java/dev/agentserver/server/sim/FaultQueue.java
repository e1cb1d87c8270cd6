package dev.agentserver.server.sim;

import java.util.ArrayDeque;
import java.util.Deque;

/** Faults queued for the next requests, one per request, in the order they were asked for. */
final class FaultQueue {

    private final Deque<Integer> pending = new ArrayDeque<>();
    private int taken;

    /** Queues {@code value} for each of the next {@code count} requests. */
    synchronized void add(int count, int value) {
        for (int i = 0; i < count; i++) {
            pending.addLast(value);
        }
    }

    /** The fault for this request, or null when none is queued. */
    synchronized Integer take() {
        Integer value = pending.pollFirst();
        if (value != null) {
            taken++;
        }
        return value;
    }

    synchronized void clear() {
        pending.clear();
    }

    synchronized int taken() {
        return taken;
    }
}
