package dev.agentserver.server.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        return drain(new SseReader(in));
    }

    private static List<SseEvent> drain(SseReader reader) throws IOException {
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

    // ---- the size limit, small here so that tests cross it quickly ----------------------------------------

    private static final int LIMIT = 1000;

    /** A data line of exactly {@code bytes} bytes, field name included, line end not. */
    private static String dataLine(int bytes) {
        return "data: " + "x".repeat(bytes - "data: ".length()) + "\n";
    }

    private static List<SseEvent> readLimited(String stream) throws IOException {
        return drain(new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), LIMIT));
    }

    @Test
    void anEventExactlyAtTheLimitPassesInOneLineOrInMany() throws IOException {
        String tenLines = dataLine(100).repeat(10) + "\n";
        String oneLine = dataLine(LIMIT) + "\n";

        List<SseEvent> events = readLimited(tenLines + oneLine + tenLines);

        assertEquals(3, events.size());
        assertEquals(10 * 94 + 9, events.get(0).data().length(), "ten values joined by nine line feeds");
        assertEquals(LIMIT - "data: ".length(), events.get(1).data().length());
    }

    @Test
    void theLimitCountsOnlyDataLinesAndStartsAgainWithEachEvent() throws IOException {
        String comment = ":" + "c".repeat(LIMIT - 1) + "\n";
        String name = "event: " + "e".repeat(LIMIT - 7) + "\n";

        List<SseEvent> events = readLimited(dataLine(600) + comment + name + dataLine(400) + "\n" + dataLine(600)
                + "\n");

        assertEquals(2, events.size());
    }

    @Test
    void oneByteMoreFailsInOneLineOrInMany() {
        assertThrows(EventTooLargeException.class, () -> readLimited(dataLine(LIMIT + 1) + "\n"));
        assertThrows(EventTooLargeException.class, () -> readLimited(dataLine(100).repeat(9) + dataLine(101) + "\n"));
        assertThrows(EventTooLargeException.class,
                () -> readLimited(dataLine(500) + ": between\nid: 1\n" + dataLine(501)));
    }

    @Test
    void dataLinesThatNeverEndTheirEventFailSoonAfterTheLimit() {
        int limit = 64 * 1024;
        byte[] line = dataLine(100).getBytes(StandardCharsets.US_ASCII);
        RepeatingInputStream endless = new RepeatingInputStream(new byte[0], line, 16L * limit);
        SseReader reader = new SseReader(endless, limit);

        EventTooLargeException e = assertThrows(EventTooLargeException.class, reader::next);

        assertEquals("an event or line of more than 65536 bytes", e.getMessage());
        // what was read: the limit in data lines, their line ends, and at most one buffer read ahead
        long bound = limit + limit / 100 + line.length + 8192;
        assertTrue(endless.handedOut() <= bound, endless.handedOut() + " bytes read, bound " + bound);
    }

    @Test
    void aLineThatNeverEndsFailsOnceItCrossesTheLimit() {
        int limit = 64 * 1024;
        RepeatingInputStream endless = new RepeatingInputStream("data: ".getBytes(StandardCharsets.US_ASCII),
                new byte[] {'x'}, 16L * limit);

        assertThrows(EventTooLargeException.class, () -> new SseReader(endless, limit).next());
        assertTrue(endless.handedOut() <= limit + 1, endless.handedOut() + " bytes read");
    }
}
