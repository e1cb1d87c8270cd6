package dev.agentserver.server.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseLinesTest {

    private static final int LIMIT = 64 * 1024;

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String line(SseLines lines) {
        return new String(lines.bytes(), lines.start(), lines.end() - lines.start(), StandardCharsets.US_ASCII);
    }

    @Test
    void aLineAtTheLimitPassesWhateverItsLineEnd() throws IOException {
        String atLimit = "x".repeat(LIMIT);
        SseLines lines = new SseLines(bytes(atLimit + "\r\n" + atLimit + "\n" + atLimit), LIMIT);

        for (int i = 0; i < 3; i++) {
            assertTrue(lines.next());
            assertEquals(atLimit, line(lines));
        }
        assertFalse(lines.next());
    }

    @Test
    void aLineOneByteOverTheLimitFailsEvenWhenItsEndHasArrived() {
        String over = "x".repeat(LIMIT + 1);

        assertThrows(EventTooLargeException.class, () -> new SseLines(bytes(over + "\n"), LIMIT).next());
        assertThrows(EventTooLargeException.class, () -> new SseLines(bytes(over), LIMIT).next());
        // shorter than one read of the buffer: the line end is found in the same read as the excess
        assertThrows(EventTooLargeException.class, () -> new SseLines(bytes("x".repeat(101) + "\n"), 100).next());
    }

    @Test
    void aLineThatNeverEndsFailsOnceItCrossesTheLimitWithTheBufferNoLargerThanThat() throws IOException {
        RepeatingInputStream endless = new RepeatingInputStream("data: ok\n".getBytes(StandardCharsets.US_ASCII),
                new byte[] {'x'}, 16L * LIMIT);
        SseLines lines = new SseLines(endless, LIMIT);
        assertTrue(lines.next());

        EventTooLargeException e = assertThrows(EventTooLargeException.class, lines::next);

        assertEquals("an event or line of more than 65536 bytes", e.getMessage());
        assertTrue(lines.bytes().length <= LIMIT + 1, "buffer of " + lines.bytes().length + " bytes");
        assertTrue(endless.handedOut() <= "data: ok\n".length() + LIMIT + 1, endless.handedOut() + " bytes read");
    }
}
