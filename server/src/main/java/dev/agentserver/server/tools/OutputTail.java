package dev.agentserver.server.tools;

/**
 * Keeps the last {@code max} characters of a growing text. The end of a command's output (the error,
 * the summary) matters most, and memory must stay bounded however much a command prints.
 */
final class OutputTail {

    private final int max;
    private final StringBuilder text = new StringBuilder();
    private boolean dropped;

    OutputTail(int max) {
        this.max = max;
    }

    synchronized void append(char[] chars, int offset, int length) {
        text.append(chars, offset, length);
        // Trim only once the buffer is twice the limit, so that trimming stays rare.
        if (text.length() > 2 * max) {
            text.delete(0, text.length() - max);
            dropped = true;
        }
    }

    synchronized boolean truncated() {
        return dropped || text.length() > max;
    }

    synchronized String text() {
        return keepEnd(text.toString(), max);
    }

    /** The last {@code max} characters of {@code text}, never starting with half a surrogate pair. */
    static String keepEnd(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int start = text.length() - max;
        if (Character.isLowSurrogate(text.charAt(start))) {
            start++;
        }
        return text.substring(start);
    }
}
