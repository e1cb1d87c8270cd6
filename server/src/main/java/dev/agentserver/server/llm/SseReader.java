package dev.agentserver.server.llm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads server-sent events as the HTML standard defines them: lines end in CRLF, LF or CR; a blank line
 * ends an event; {@code data:} lines are joined with {@code \n}; lines starting with {@code :} are comments
 * (keep-alives); one space after the colon is dropped; unknown fields are ignored. Lines come from
 * {@link SseLines}.
 *
 * <p>The standard sets no size limit; this reader does, so that a sender that never ends a line or an event
 * cannot make it hold an ever larger event: the data lines of one event, field names included and line
 * ends not, may hold {@link #MAX_EVENT_BYTES} together, and so may any single line. Not thread-safe.
 */
final class SseReader {

    private static final String DEFAULT_EVENT = "message";
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

    /**
     * A chat chunk is a few hundred bytes, and even a large tool call's arguments arrive as many small
     * deltas, so no sound event comes near this. 16 MiB matches the cap on an inbound JSON-RPC line
     * ({@code JsonRpcConnection.DEFAULT_MAX_LINE_BYTES}): generous, and it bounds what one stream can make
     * the server hold to a small multiple of it (the line buffer and the decoded data).
     */
    static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;

    private final SseLines lines;
    private final int maxEventBytes;

    SseReader(InputStream in) {
        this(in, MAX_EVENT_BYTES);
    }

    /** With another limit than {@link #MAX_EVENT_BYTES}, so that tests can cross it quickly. */
    SseReader(InputStream in, int maxEventBytes) {
        this.lines = new SseLines(in, maxEventBytes);
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * The next event, or null at the end of the stream. An event cut off by the end of the stream (no blank
     * line after it) is still returned: several services end with {@code data: [DONE]} and no blank line.
     *
     * @throws EventTooLargeException when the event or a line is over the limit; reading stops there
     */
    SseEvent next() throws IOException {
        String data = null;
        StringBuilder joined = null; // only from a second data line on: most events have one
        long dataLineBytes = 0;
        String name = DEFAULT_EVENT;
        while (lines.next()) {
            byte[] line = lines.bytes();
            int start = lines.start();
            int end = lines.end();
            if (start == end) {
                if (data != null) {
                    return new SseEvent(name, joined == null ? data : joined.toString());
                }
                name = DEFAULT_EVENT; // an event without data is dropped, its name with it
                continue;
            }
            if (line[start] == ':') {
                continue;
            }
            int colon = indexOfColon(line, start, end);
            int fieldEnd = colon < 0 ? end : colon;
            int valueStart = colon < 0 ? end : colon + 1;
            if (valueStart < end && line[valueStart] == ' ') {
                valueStart++;
            }
            // Field names are compared as bytes and only values are decoded: a comment or an id costs no String.
            if (Arrays.equals(line, start, fieldEnd, DATA, 0, DATA.length)) {
                dataLineBytes += end - start;
                if (dataLineBytes > maxEventBytes) {
                    throw new EventTooLargeException(maxEventBytes);
                }
                String value = decode(line, valueStart, end);
                if (data == null) {
                    data = value;
                } else {
                    if (joined == null) {
                        joined = new StringBuilder(data);
                    }
                    joined.append('\n').append(value);
                }
            } else if (Arrays.equals(line, start, fieldEnd, EVENT, 0, EVENT.length)) {
                name = valueStart == end ? DEFAULT_EVENT : decode(line, valueStart, end);
            }
            // id and retry matter only to a reconnecting browser; anything else is not SSE
        }
        return data == null ? null : new SseEvent(name, joined == null ? data : joined.toString());
    }

    private static String decode(byte[] line, int start, int end) {
        return new String(line, start, end - start, StandardCharsets.UTF_8);
    }

    private static int indexOfColon(byte[] line, int start, int end) {
        for (int i = start; i < end; i++) {
            if (line[i] == ':') {
                return i;
            }
        }
        return -1;
    }
}
