package dev.agentserver.server.acp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The client-to-server stream of an in-process test: any thread may write, the server's reader blocks.
 * (java.io's piped streams declare the pipe broken when the last writing thread has ended, and the
 * writers here are short-lived virtual threads.)
 */
final class LinePipe {

    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();

    final OutputStream writer = new OutputStream() {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (length > 0) {
                chunks.add(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
            }
        }

        @Override
        public void close() {
            chunks.add(END);
        }
    };

    final InputStream reader = new InputStream() {
        private byte[] current = new byte[0];
        private int position;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (current == END) {
                return -1;
            }
            if (position == current.length) {
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                position = 0;
                if (current == END) {
                    return -1;
                }
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, into, offset, count);
            position += count;
            return count;
        }
    };
}
