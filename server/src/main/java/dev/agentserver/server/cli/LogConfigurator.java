package dev.agentserver.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * Logback's configuration, in code: logback.xml would cost the start-up the XML parser and Joran, about
 * 150 ms before the first answer without the AOT cache. stdout carries the protocol, so every log line goes
 * to stderr; the level comes from {@code AGENT_SERVER_LOG_LEVEL} (default WARN) so that editors' stderr
 * panes stay quiet. Applied by {@link LogbackProvider}; when SLF4J is left to find its own provider (tests
 * run in-process), logback finds it through META-INF/services.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        // Logback's own errors (an appender that cannot start...) still reach stderr. Registering a listener
        // also keeps logback from loading its status printer, whose date format reads the time-zone database
        // (~5 ms before the first answer) just to check whether there is anything to print.
        context.getStatusManager().add(new ErrorsToStderr());
        StderrLayout layout = new StderrLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
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

    /** Logback's own errors, one line each on stderr; its info and warning chatter is dropped. */
    private static final class ErrorsToStderr implements StatusListener {
        @Override
        public void addStatusEvent(Status status) {
            if (status.getEffectiveLevel() >= Status.ERROR) {
                Throwable cause = status.getThrowable();
                System.err.println("logback: " + status.getMessage() + (cause == null ? "" : " (" + cause + ")"));
            }
        }
    }
}
