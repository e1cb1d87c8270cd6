package dev.agentserver.auth;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

/** Everything the auth module logs while open, message and stack traces, as one text to search. */
final class CapturedLogs implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.agentserver.auth");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    CapturedLogs() {
        appender.start();
        logger.addAppender(appender);
    }

    String text() {
        return appender.list.stream()
                .map(event -> event.getLevel() + " " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
    }

    int size() {
        return appender.list.size();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
