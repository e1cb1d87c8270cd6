package dev.agentserver.protocol.jsonrpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into newline-ended lines without ever holding more than {@code maxLineBytes} of
 * one line: a longer line is skipped to its end and reported as {@link Oversized}, so a hostile client
 * cannot make the server buffer an unbounded line. Invalid UTF-8 decodes to U+FFFD.
 */
public final class LineReader {

    /** What one call to {@link #next()} found. */
    public sealed interface Result {}

    public record Line(String text) implements Result {}

    public record Oversized(long bytes) implements Result {}

    public record EndOfInput() implements Result {}

    private static final EndOfInput END = new EndOfInput();

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[8 * 1024];
    private int lineLen;

    public LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    public Result next() throws IOException {
        lineLen = 0;
        long skipped = 0;
        boolean oversized = false;
        while (true) {
            if (chunkPos == chunkLen && !fill()) {
                if (oversized) {
                    return new Oversized(skipped);
                }
                return lineLen == 0 ? END : new Line(decode());
            }
            int newline = indexOfNewline();
            int end = newline < 0 ? chunkLen : newline;
            int count = end - chunkPos;
            if (oversized) {
                skipped += count;
            } else if (lineLen + count > maxLineBytes) {
                oversized = true;
                skipped = (long) lineLen + count;
                shrinkBuffer();
            } else {
                append(count);
            }
            chunkPos = newline < 0 ? chunkLen : newline + 1;
            if (newline >= 0) {
                return oversized ? new Oversized(skipped) : new Line(decode());
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(chunk);
        if (n <= 0) {
            return false;
        }
        chunkPos = 0;
        chunkLen = n;
        return true;
    }

    private int indexOfNewline() {
        for (int i = chunkPos; i < chunkLen; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int count) {
        if (lineLen + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLen + count)));
        }
        System.arraycopy(chunk, chunkPos, line, lineLen, count);
        lineLen += count;
    }

    /** After an oversized line, give the memory back rather than keep the largest buffer ever seen. */
    private void shrinkBuffer() {
        line = new byte[8 * 1024];
        lineLen = 0;
    }

    private String decode() {
        int len = lineLen;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        String text = new String(line, 0, len, StandardCharsets.UTF_8);
        if (line.length > 1024 * 1024) {
            shrinkBuffer();
        }
        return text;
    }
}
