package dev.agentserver.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class StderrLayoutTest {

    private final LoggerContext context = new LoggerContext();

    private String line(Level level, String logger, String message, Throwable thrown, Object... args) {
        LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger(logger), level, message, thrown, args);
        event.setThreadName("turn-1");
        StderrLayout layout = new StderrLayout();
        layout.setContext(context);
        layout.start();
        return layout.doLayout(event);
    }

    @Test
    void aLineHasTimeLevelThreadLoggerAndTheFormattedMessage() {
        String line = line(Level.WARN, "dev.agentserver.server.wire.WireServer", "prompt {} failed", null, "p1");
        assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[turn-1] d\\.a\\.s\\.w\\.WireServer - prompt p1 failed\n"),
                line);
        assertTrue(line(Level.ERROR, "x", "m", null).contains(" ERROR [turn-1] x - m"));
    }

    @Test
    void aThrowableFollowsWithItsStackOneLineAFrame() {
        String line = line(Level.ERROR, "a.B", "boom", new IllegalStateException("why"));
        String[] lines = line.split("\n", -1);
        assertTrue(lines[0].endsWith(" a.B - boom"), lines[0]);
        assertEquals("java.lang.IllegalStateException: why", lines[1]);
        assertTrue(lines[2].strip().startsWith("at "), lines[2]);
        assertEquals("", lines[lines.length - 1], "ends with exactly one line break");
        assertTrue(!lines[lines.length - 2].isEmpty(), "no blank line after the stack");
    }

    @Test
    void longLoggerNamesLoseTheirPackagesFromTheLeftUntilTheyFit() {
        assertEquals("dev.agentserver.X", StderrLayout.abbreviate("dev.agentserver.X"));
        assertEquals("d.a.s.llm.SseReader", StderrLayout.abbreviate("dev.agentserver.server.llm.SseReader"));
        assertEquals("d.a.a.OAuthManager", StderrLayout.abbreviate("dev.agentserver.auth.OAuthManager"));
        assertEquals("o.e.l.j.RemoteEndpointWithALongName",
                StderrLayout.abbreviate("org.eclipse.lsp4j.jsonrpc.RemoteEndpointWithALongName"));
    }
}
