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

    private static List<SseEvent> trickle(String stream) throws IOException {
        return read(new TrickleInputStream(stream.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void lineEndsSplitAcrossReadsAreStillOneLineEndEach() throws IOException {
        String stream = "data: a\r\ndata: b\r\n\r\ndata: c\r\rdata: d\n\r\n: x\r\revent: e\rdata: f\r\n\r\n";
        List<SseEvent> expected = List.of(new SseEvent("message", "a\nb"), new SseEvent("message", "c"),
                new SseEvent("message", "d"), new SseEvent("e", "f"));

        assertEquals(expected, read(stream));
        assertEquals(expected, trickle(stream));
    }

    @Test
    void aLoneCrAtTheEndOfAReadEndsTheLineWithoutWaitingForTheNextByte() throws IOException {
        // one read per call: the event must come out before the stream has anything more to give
        InputStream oneLineEndingInCr = new InputStream() {
            private final byte[][] reads = {"data: now\r".getBytes(StandardCharsets.UTF_8), {'\r'}};
            private int next;

            @Override
            public int read() {
                throw new AssertionError("reads go through read(byte[], int, int)");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next == reads.length) {
                    throw new AssertionError("read past the event");
                }
                byte[] chunk = reads[next++];
                System.arraycopy(chunk, 0, b, off, chunk.length);
                return chunk.length;
            }
        };

        assertEquals(new SseEvent("message", "now"), new SseReader(oneLineEndingInCr).next());
    }

    @Test
    void decodesMultiByteCharactersSplitAcrossReads() throws IOException {
        String text = "é ✓ 😀 日本語 ünïcödé ".repeat(20);

        assertEquals(List.of(new SseEvent("ünï", text), new SseEvent("message", "😀")),
                trickle("\uFEFFevent: ünï\r\ndata: " + text + "\r\n\r\ndata:😀\n\n"));
    }

    @Test
    void readsLinesLongerThanTheBufferAndTheLinesAfterThem() throws IOException {
        String longLine = "x".repeat(100_000) + "é";
        String stream = "data: short\n\ndata: " + longLine + "\ndata: tail\n\ndata: after\n\n";
        List<SseEvent> expected = List.of(new SseEvent("message", "short"),
                new SseEvent("message", longLine + "\ntail"), new SseEvent("message", "after"));

        assertEquals(expected, read(stream));
        assertEquals(expected, trickle(stream));
    }

    @Test
    void eventsStraddlingEveryBufferBoundaryComeOutWhole() throws IOException {
        StringBuilder stream = new StringBuilder();
        List<SseEvent> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String data = "{\"n\":" + i + ",\"s\":\"" + "ü".repeat(i % 7) + "\"}";
            stream.append(i % 2 == 0 ? "data: " : "data:").append(data).append(i % 3 == 0 ? "\r\n\r\n" : "\n\n");
            expected.add(new SseEvent("message", data));
        }

        assertEquals(expected, read(stream.toString()));
        assertEquals(expected, trickle(stream.toString()));
    }

    @Test
    void aByteOrderMarkIsDroppedOnlyAtTheStart() throws IOException {
        assertEquals(List.of(new SseEvent("message", "a"), new SseEvent("message", "\uFEFFb")),
                read("\uFEFFdata: a\n\ndata: \uFEFFb\n\n\uFEFFdata: ignored, not a data field\n\n"));
    }
}
