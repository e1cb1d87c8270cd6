package dev.agentserver.server.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events as the HTML standard defines them: lines end in CRLF, LF or CR; a blank line
 * ends an event; {@code data:} lines are joined with {@code \n}; lines starting with {@code :} are comments
 * (keep-alives); one space after the colon is dropped; unknown fields are ignored. Not thread-safe.
 */
final class SseReader {

    private static final String DEFAULT_EVENT = "message";

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private boolean atStart = true;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    SseReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next event, or null at the end of the stream. An event cut off by the end of the stream (no blank
     * line after it) is still returned: several services end with {@code data: [DONE]} and no blank line.
     */
    SseEvent next() throws IOException {
        StringBuilder data = null;
        String name = DEFAULT_EVENT;
        String text;
        while ((text = readLine()) != null) {
            if (text.isEmpty()) {
                if (data != null) {
                    return new SseEvent(name, data.toString());
                }
                name = DEFAULT_EVENT; // an event without data is dropped, its name with it
                continue;
            }
            if (text.charAt(0) == ':') {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                case "event" -> name = value.isEmpty() ? DEFAULT_EVENT : value;
                default -> {
                    // id and retry matter only to a reconnecting browser; anything else is not SSE
                }
            }
        }
        return data == null ? null : new SseEvent(name, data.toString());
    }

    /** A line without its terminator, or null at the end of the stream. */
    private String readLine() throws IOException {
        line.reset();
        while (true) {
            if (position == limit && !fill()) {
                return line.size() == 0 ? null : decodeLine();
            }
            byte b = buffer[position++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (b == '\n') {
                    continue; // second half of a CRLF
                }
            }
            if (b == '\n') {
                return decodeLine();
            }
            if (b == '\r') {
                skipLineFeed = true;
                return decodeLine();
            }
            line.write(b);
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private String decodeLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        if (atStart) {
            atStart = false;
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        }
        return text;
    }
}
