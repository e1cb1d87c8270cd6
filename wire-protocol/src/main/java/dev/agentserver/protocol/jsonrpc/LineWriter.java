package dev.agentserver.protocol.jsonrpc;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * Writes each message as one compact JSON line with a single write and flush, so that messages from
 * several threads never interleave. This is the only writer of the protocol stream.
 *
 * <p>A streamed turn writes thousands of small messages, so each is serialised straight into buffers that
 * are reused under the lock, rather than through a StringWriter (a synchronized StringBuffer), a String,
 * a concatenation with the newline and a new byte array (bench/jmh: CodecBenchmark.outbound*).
 */
final class LineWriter implements MessageConsumer {

    /** Buffers grown past this by a large message are dropped afterwards rather than kept for good. */
    private static final int KEEP_BYTES = 1024 * 1024;

    private final OutputStream out;
    private final MessageJsonHandler jsonHandler;
    private final IncomingRequests incoming;
    private final LineBuffer line = new LineBuffer();
    private boolean closed;

    LineWriter(OutputStream out, MessageJsonHandler jsonHandler, IncomingRequests incoming) {
        this.out = out;
        this.jsonHandler = jsonHandler;
        this.incoming = incoming;
    }

    @Override
    public void consume(Message message) {
        write(message);
        if (message instanceof ResponseMessage response) {
            incoming.answered(response.getRawId());
        }
    }

    private synchronized void write(Message message) {
        if (closed) {
            return;
        }
        line.reset();
        jsonHandler.serialize(message, line);
        send();
    }

    /** Writes an already serialised message; {@code json} must not contain a raw newline. */
    synchronized void writeLine(String json) {
        if (closed) {
            return;
        }
        line.reset();
        line.write(json);
        send();
    }

    private void send() {
        line.write('\n');
        try {
            line.writeTo(out);
            out.flush();
        } catch (IOException e) {
            // The client went away; later writes are dropped instead of failing every caller.
            closed = true;
            throw new UncheckedIOException(e);
        }
    }

    /** A reusable, unsynchronised character buffer that writes itself as UTF-8. */
    private static final class LineBuffer extends Writer {
        private char[] chars = new char[8 * 1024];
        private byte[] bytes = new byte[8 * 1024];
        private int length;

        void reset() {
            if (chars.length > KEEP_BYTES) {
                chars = new char[8 * 1024];
                bytes = new byte[8 * 1024];
            }
            length = 0;
        }

        private void ensure(int more) {
            if (length + more > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
            }
        }

        @Override
        public void write(int c) {
            ensure(1);
            chars[length++] = (char) c;
        }

        @Override
        public void write(char[] source, int offset, int count) {
            ensure(count);
            System.arraycopy(source, offset, chars, length, count);
            length += count;
        }

        @Override
        public void write(String source) {
            write(source, 0, source.length());
        }

        @Override
        public void write(String source, int offset, int count) {
            ensure(count);
            source.getChars(offset, offset + count, chars, length);
            length += count;
        }

        /** JSON out of Gson is almost always ASCII: copied byte for byte, else encoded by the JDK. */
        void writeTo(OutputStream target) throws IOException {
            if (bytes.length < length) {
                bytes = new byte[Math.max(bytes.length * 2, length)];
            }
            for (int i = 0; i < length; i++) {
                char c = chars[i];
                if (c >= 0x80) {
                    target.write(new String(chars, 0, length).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                bytes[i] = (byte) c;
            }
            target.write(bytes, 0, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
