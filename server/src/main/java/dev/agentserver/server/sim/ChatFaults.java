package dev.agentserver.server.sim;

import java.time.Duration;

/** The chat API's fault knobs: error statuses for the next requests, broken streams, slow streams. */
final class ChatFaults {

    /** HTTP status to answer each of the next requests with. */
    final FaultQueue statuses = new FaultQueue();
    /** For each of the next streamed replies: how many events to send before dropping the connection. */
    final FaultQueue breaks = new FaultQueue();
    private volatile Duration chunkDelay = Duration.ZERO;

    Duration chunkDelay() {
        return chunkDelay;
    }

    void chunkDelay(Duration delay) {
        chunkDelay = delay;
    }

    void clear() {
        statuses.clear();
        breaks.clear();
        chunkDelay = Duration.ZERO;
    }
}
