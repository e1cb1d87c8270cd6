package dev.agentserver.server.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The process's logging, set up first thing by each entry point: everything, lsp4j's
 * {@code java.util.logging} included, goes to logback as {@link LogConfigurator} sets it up, on stderr.
 */
final class ProcessLogging {

    private ProcessLogging() {
    }

    /**
     * Names both back ends outright, so that neither goes looking: SLF4J searches the class path for
     * providers unless {@code slf4j.provider} names one, and {@code java.util.logging} reads the JDK's
     * {@code logging.properties} and makes the console handler it asks for unless a configuration class is
     * named. A configuration the user passes with {@code -D} is left alone.
     */
    static void install() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", LogbackProvider.class.getName());
            // SLF4J says at INFO that it loads a named provider: one line on every start, in the editor's pane.
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
        if (System.getProperty("java.util.logging.config.class") == null
                && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty("java.util.logging.config.class", NoJulHandlers.class.getName());
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /**
     * {@code java.util.logging}'s configuration: none, so that the root logger starts without handlers and
     * the SLF4J bridge is its only one. The log manager makes it by reflection, hence public.
     */
    public static final class NoJulHandlers {
        public NoJulHandlers() {
        }
    }
}
