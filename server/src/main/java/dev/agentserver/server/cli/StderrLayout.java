package dev.agentserver.server.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One log line: {@code 12:04:05.120 WARN  [thread] d.a.s.w.WireServer - message}, then the stack trace if
 * any. Written by hand rather than as a logback pattern: compiling {@code %d{...}} loads the time-zone
 * database at start-up (~5 ms before the first answer), while this layout reads it at the first line logged,
 * and at the default WARN level most sessions log none.
 */
final class StderrLayout extends LayoutBase<ILoggingEvent> {

    /** Longest logger name printed whole; longer ones have their packages cut to initials, from the left. */
    static final int LOGGER_WIDTH = 20;

    private static final class TimeOfDay {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        TimeOfDay.FORMAT.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
        String level = event.getLevel().toString();
        line.append(' ').append(level).repeat(' ', Math.max(0, 5 - level.length()));
        line.append(" [").append(event.getThreadName()).append("] ");
        line.append(abbreviate(event.getLoggerName())).append(" - ").append(event.getFormattedMessage()).append('\n');
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(ThrowableProxyUtil.asString(thrown)); // one line a frame, each ended
        }
        return line.toString();
    }

    /** {@code dev.agentserver.server.wire.WireServer} becomes {@code d.a.s.w.WireServer}; a class name stays whole. */
    static String abbreviate(String name) {
        if (name.length() <= LOGGER_WIDTH) {
            return name;
        }
        String[] parts = name.split("\\.");
        int length = name.length();
        StringBuilder shortened = new StringBuilder(name.length());
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (!last && length > LOGGER_WIDTH && part.length() > 1) {
                length -= part.length() - 1;
                part = part.substring(0, 1);
            }
            shortened.append(part).append(last ? "" : ".");
        }
        return shortened.toString();
    }
}
