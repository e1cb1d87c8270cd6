package dev.agentserver.protocol.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static LineReader reader(String text, int max) {
        return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    }

    @Test
    void splitsLinesAndStripsCarriageReturns() throws IOException {
        LineReader r = reader("a\r\nbé\n\nlast", 100);
        assertEquals(new LineReader.Line("a"), r.next());
        assertEquals(new LineReader.Line("bé"), r.next());
        assertEquals(new LineReader.Line(""), r.next());
        assertEquals(new LineReader.Line("last"), r.next());
        assertInstanceOf(LineReader.EndOfInput.class, r.next());
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws IOException {
        LineReader r = new LineReader(new ByteArrayInputStream(new byte[] {'x', (byte) 0xff, 'y', '\n'}), 100);
        assertEquals(new LineReader.Line("x\uFFFDy"), r.next());
    }

    @Test
    void anOversizedLineIsSkippedWithoutBufferingIt() throws IOException {
        // 50 MB of input served by a stream that generates it, so the test itself holds no big buffer.
        long size = 50L * 1024 * 1024;
        InputStream huge = new InputStream() {
            long served;

            @Override
            public int read() {
                if (served < size) {
                    served++;
                    return 'x';
                }
                if (served == size) {
                    served++;
                    return '\n';
                }
                return -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    int c = read();
                    if (c < 0) {
                        break;
                    }
                    b[off + n++] = (byte) c;
                }
                return n == 0 ? -1 : n;
            }
        };
        LineReader r = new LineReader(new java.io.SequenceInputStream(huge,
                new ByteArrayInputStream("ok\n".getBytes(StandardCharsets.UTF_8))), 1024);
        assertEquals(new LineReader.Oversized(size), r.next());
        assertEquals(new LineReader.Line("ok"), r.next());
        assertInstanceOf(LineReader.EndOfInput.class, r.next());
    }
}
