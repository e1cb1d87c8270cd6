package dev.agentserver.server.llm;

import java.io.InputStream;

/**
 * Hands out its bytes 1, 2, 3, 1, 2, 3... at a time, however much the reader asks for, the way a network
 * stream may: line ends, CRLF pairs and multi-byte characters end up split across reads.
 */
final class TrickleInputStream extends InputStream {

    private final byte[] bytes;
    private int position;
    private int reads;

    TrickleInputStream(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        return position < bytes.length ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position == bytes.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, 1 + reads++ % 3), bytes.length - position);
        System.arraycopy(bytes, position, b, off, n);
        position += n;
        return n;
    }
}
