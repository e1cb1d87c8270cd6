package dev.agentserver.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration, in code: logback.xml would cost the start-up the XML parser and Joran, about
 * 150 ms before the first answer without the AOT cache. stdout carries the protocol, so every log line goes
 * to stderr; the level comes from {@code AGENT_SERVER_LOG_LEVEL} (default WARN) so that editors' stderr
 * panes stay quiet. Found by logback through META-INF/services.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level(), Level.WARN));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** As logback.xml's {@code ${AGENT_SERVER_LOG_LEVEL:-WARN}} read it: a system property, else the environment. */
    private static String level() {
        String level = System.getProperty("AGENT_SERVER_LOG_LEVEL");
        return level != null ? level : System.getenv("AGENT_SERVER_LOG_LEVEL");
    }
}
