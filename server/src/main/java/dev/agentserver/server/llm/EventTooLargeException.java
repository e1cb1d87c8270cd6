package dev.agentserver.server.llm;

import java.io.IOException;

/**
 * An event stream that exceeded {@link SseReader}'s size limit: a line, or an event's data lines together.
 * Reading stops where the limit was crossed, so the excess is never held in memory (beyond one buffered read).
 */
final class EventTooLargeException extends IOException {

    private static final int MIB = 1024 * 1024;

    EventTooLargeException(int limitBytes) {
        super("an event or line of more than " + size(limitBytes));
    }

    private static String size(int bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
    }
}
