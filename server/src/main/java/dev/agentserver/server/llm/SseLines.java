package dev.agentserver.server.llm;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits an event stream into lines, as byte ranges of one reused buffer: a line ends in CRLF, LF or CR,
 * and the first line loses a UTF-8 byte order mark. Nothing is decoded here, so the caller decodes only
 * what it keeps, and always whole lines: a multi-byte character split across two reads is whole by then.
 * A line longer than the limit fails as soon as more than that many bytes of it have arrived, so the buffer never
 * grows past the limit (plus one byte) however long the sender keeps going. Not thread-safe.
 */
final class SseLines {

    private static final int INITIAL_CAPACITY = 8192;

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buffer = new byte[INITIAL_CAPACITY];
    /** Bytes read and not yet returned in a line: {@code buffer[next, limit)}. */
    private int next;
    private int limit;
    /** {@code buffer[next, scanned)} holds no line end: a long line is scanned once, not once per read. */
    private int scanned;
    private int lineStart;
    private int lineEnd;
    /** The last line ended in CR, so an LF that comes next (perhaps only in the next read) is its CRLF. */
    private boolean skipLineFeed;
    private boolean firstLine = true;

    /** @param maxLineBytes the longest line allowed, line end not counted */
    SseLines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Moves to the next line; false at the end of the stream. A last line without a line end still counts.
     * The line is {@code bytes()[start(), end())}, without its line end, and valid until the next call.
     *
     * @throws EventTooLargeException when the line is longer than the limit; the stream is then unusable
     */
    boolean next() throws IOException {
        while (true) {
            if (skipLineFeed && next < limit) {
                skipLineFeed = false;
                if (buffer[next] == '\n') {
                    next++;
                    scanned = next;
                }
            }
            for (int i = scanned; i < limit; i++) {
                byte b = buffer[i];
                if (b == '\n' || b == '\r') {
                    checkLength(i);
                    skipLineFeed = b == '\r';
                    takeLine(i, i + 1);
                    return true;
                }
            }
            checkLength(limit); // before reading more of an unfinished line
            scanned = limit;
            if (!fill()) {
                if (next == limit) {
                    return false;
                }
                takeLine(limit, limit);
                return true;
            }
        }
    }

    byte[] bytes() {
        return buffer;
    }

    int start() {
        return lineStart;
    }

    int end() {
        return lineEnd;
    }

    /** The line, finished or not, is {@code buffer[next, end)}. */
    private void checkLength(int end) throws EventTooLargeException {
        if (end - next > maxLineBytes) {
            throw new EventTooLargeException(maxLineBytes);
        }
    }

    /** The line is {@code buffer[next, end)}; reading goes on at {@code after}, past its line end. */
    private void takeLine(int end, int after) {
        lineStart = next;
        lineEnd = end;
        next = after;
        scanned = after;
        if (firstLine) {
            firstLine = false;
            if (end - lineStart >= 3 && buffer[lineStart] == (byte) 0xEF && buffer[lineStart + 1] == (byte) 0xBB
                    && buffer[lineStart + 2] == (byte) 0xBF) {
                lineStart += 3;
            }
        }
    }

    /**
     * Reads more after the unfinished line, which is first moved to the front so that a read gets all the room.
     * The buffer grows to at most one byte past the limit: enough to see that a line is too long.
     */
    private boolean fill() throws IOException {
        if (next > 0) {
            System.arraycopy(buffer, next, buffer, 0, limit - next);
            limit -= next;
            scanned -= next;
            next = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(buffer.length * 2L, maxLineBytes + 1L));
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n <= 0) {
            return false;
        }
        limit += n;
        return true;
    }
}
