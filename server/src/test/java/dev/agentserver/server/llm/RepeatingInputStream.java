package dev.agentserver.server.llm;

import java.io.InputStream;

/**
 * A stream that never ends: its head, then one unit over and over, as much as each read asks for. It counts
 * what it handed out, so a test can see where the reader stopped, and fails a read past the ceiling, so a
 * reader that does not stop fails its test instead of filling the heap of the whole test run.
 */
final class RepeatingInputStream extends InputStream {

    private final byte[] head;
    private final byte[] unit;
    private final long ceiling;
    private long handedOut;

    RepeatingInputStream(byte[] head, byte[] unit, long ceiling) {
        this.head = head;
        this.unit = unit;
        this.ceiling = ceiling;
    }

    long handedOut() {
        return handedOut;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        read(one, 0, 1);
        return one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (handedOut + len > ceiling) {
            throw new AssertionError("the reader went on past " + ceiling + " bytes");
        }
        for (int i = 0; i < len; i++) {
            b[off + i] = byteAt(handedOut + i);
        }
        handedOut += len;
        return len;
    }

    private byte byteAt(long position) {
        return position < head.length ? head[(int) position] : unit[(int) ((position - head.length) % unit.length)];
    }
}
