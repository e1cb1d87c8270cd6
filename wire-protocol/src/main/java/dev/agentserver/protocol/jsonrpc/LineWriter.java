package dev.agentserver.protocol.jsonrpc;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * Writes each message as one compact JSON line with a single write and flush, so that messages from
 * several threads never interleave. This is the only writer of the protocol stream.
 */
final class LineWriter implements MessageConsumer {

    private final OutputStream out;
    private final MessageJsonHandler jsonHandler;
    private final IncomingRequests incoming;
    private boolean closed;

    LineWriter(OutputStream out, MessageJsonHandler jsonHandler, IncomingRequests incoming) {
        this.out = out;
        this.jsonHandler = jsonHandler;
        this.incoming = incoming;
    }

    @Override
    public void consume(Message message) {
        writeLine(jsonHandler.serialize(message));
        if (message instanceof ResponseMessage response) {
            incoming.answered(response.getRawId());
        }
    }

    /** Writes an already serialised message; {@code json} must not contain a raw newline. */
    synchronized void writeLine(String json) {
        if (closed) {
            return;
        }
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // The client went away; later writes are dropped instead of failing every caller.
            closed = true;
            throw new UncheckedIOException(e);
        }
    }
}
