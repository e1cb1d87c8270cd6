package dev.agentserver.protocol.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.protocol.wire.WireBinding;
import dev.agentserver.protocol.wire.WireGson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.junit.jupiter.api.Test;

class LineWriterTest {

    private final MessageJsonHandler handler = new MessageJsonHandler(WireBinding.INSTANCE.remoteMethods(), WireGson.CONFIG);

    private static NotificationMessage note(String text) {
        NotificationMessage message = new NotificationMessage();
        message.setJsonrpc("2.0");
        message.setMethod("note");
        message.setParams(text);
        return message;
    }

    @Test
    void writesEachMessageAsOneUtf8LineWhetherAsciiOrNot() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineWriter writer = new LineWriter(out, handler, new IncomingRequests());
        writer.consume(note("plain"));
        writer.consume(note("héllo ✓ 😀 <&>"));
        writer.writeLine("{\"a\":1}");
        assertEquals("""
                {"jsonrpc":"2.0","method":"note","params":["plain"]}
                {"jsonrpc":"2.0","method":"note","params":["héllo ✓ 😀 <&>"]}
                {"a":1}
                """, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLargeMessageDoesNotSpoilTheNextOne() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineWriter writer = new LineWriter(out, handler, new IncomingRequests());
        String big = "x".repeat(3 * 1024 * 1024);
        writer.consume(note(big));
        writer.consume(note("small"));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        // Compared by equality, not printed: a failure must not dump 3 MiB.
        assertTrue(lines[0].equals("{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"" + big + "\"]}"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[\"small\"]}", lines[1]);
    }

    @Test
    void afterTheClientGoesAwayLaterWritesAreDropped() {
        int[] writes = {0};
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("gone");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writes[0]++;
                throw new IOException("gone");
            }
        };
        LineWriter writer = new LineWriter(broken, handler, new IncomingRequests());
        assertThrows(UncheckedIOException.class, () -> writer.consume(note("a")));
        writer.consume(note("b"));
        assertEquals(1, writes[0]);
    }
}
