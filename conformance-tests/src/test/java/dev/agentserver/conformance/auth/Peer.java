package dev.agentserver.conformance.auth;

import dev.agentserver.conformance.ServerProcess;
import java.io.IOException;
import java.time.Duration;

/**
 * One server process in an auth scenario, whatever protocol it speaks: it can be asked to prompt, and
 * tells how the prompt ended in protocol-neutral terms.
 */
interface Peer extends AutoCloseable {

    /** How a prompt ended. {@code authRequired} is wire -32004 / ACP -32000 auth_required. */
    record Outcome(boolean ok, boolean authRequired, int code, String detail) {
        static Outcome ok(String detail) {
            return new Outcome(true, false, 0, detail);
        }
    }

    /** Handshake (and, for ACP, a session); returns when the server has answered. */
    void open() throws Exception;

    /** Sends a prompt without waiting. */
    void sendPrompt(String tag, String text) throws IOException;

    /** Waits for the prompt's answer, checking the protocol's turn ordering on the way. */
    Outcome awaitPrompt(String tag, Duration wait) throws Exception;

    ServerProcess process();

    String protocol();

    @Override
    void close() throws Exception;
}
