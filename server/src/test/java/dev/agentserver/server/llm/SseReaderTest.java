package dev.agentserver.server.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static List<SseEvent> read(String stream) throws IOException {
        return read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<SseEvent> read(InputStream in) throws IOException {
        SseReader reader = new SseReader(in);
        List<SseEvent> events = new ArrayList<>();
        SseEvent event;
        while ((event = reader.next()) != null) {
            events.add(event);
        }
        return events;
    }

    @Test
    void joinsMultiLineDataWithNewlines() throws IOException {
        assertEquals(List.of(new SseEvent("message", "{\"a\":\n1}")), read("data: {\"a\":\ndata: 1}\n\n"));
    }

    @Test
    void skipsCommentsAndKeepAlives() throws IOException {
        assertEquals(List.of(new SseEvent("message", "x"), new SseEvent("message", "y")),
                read(": keep-alive\n\ndata: x\n: in between\n\n:\n\ndata: y\n\n"));
    }

    @Test
    void acceptsCrLfAndBareCrLineEndings() throws IOException {
        assertEquals(List.of(new SseEvent("message", "a\nb"), new SseEvent("message", "c")),
                read("data: a\r\ndata: b\r\n\r\ndata: c\r\r"));
    }

    @Test
    void keepsTheEventNameAndResetsItAfterEachEvent() throws IOException {
        assertEquals(List.of(new SseEvent("error", "{}"), new SseEvent("message", "z")),
                read("event: error\ndata: {}\n\ndata: z\n\n"));
    }

    @Test
    void dropsOnlyOneSpaceAfterTheColonAndHandlesFieldsWithoutOne() throws IOException {
        assertEquals(List.of(new SseEvent("message", "  two spaces\nnone")),
                read("data:   two spaces\ndata:none\nid: 7\nretry: 10\nbogus\n\n"));
    }

    @Test
    void emptyDataIsAnEventButNoDataIsNot() throws IOException {
        assertEquals(List.of(new SseEvent("message", "")), read("event: ping\n\ndata:\n\n"));
    }

    @Test
    void returnsAnEventCutOffByTheEndOfTheStream() throws IOException {
        assertEquals(List.of(new SseEvent("message", "1"), new SseEvent("message", "[DONE]")),
                read("data: 1\n\ndata: [DONE]"));
    }

    @Test
    void stripsAByteOrderMarkAndDecodesUtf8SplitAcrossReads() throws IOException {
        byte[] bytes = "\uFEFFdata: héllo ✓\n\n".getBytes(StandardCharsets.UTF_8);
        InputStream oneByteAtATime = new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < bytes.length ? bytes[next++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int value = read();
                if (value < 0) {
                    return -1;
                }
                b[off] = (byte) value;
                return 1;
            }
        };
        assertEquals(List.of(new SseEvent("message", "héllo ✓")), read(oneByteAtATime));
    }
}
