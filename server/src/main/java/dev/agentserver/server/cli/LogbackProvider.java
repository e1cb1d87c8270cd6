package dev.agentserver.server.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's binding to logback, configured by {@link LogConfigurator} directly. Named to SLF4J by
 * {@link ProcessLogging} (the {@code slf4j.provider} property), it spares every start SLF4J's search of
 * the class path for providers and logback's own for configurators and configuration files: ~1.7 ms before
 * the first answer. Without the property (tests run in-process) logback's provider and the
 * {@code META-INF/services} entry for {@link LogConfigurator} give the same configuration.
 */
public final class LogbackProvider implements SLF4JServiceProvider {

    private LoggerContext context;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    @Override
    public void initialize() {
        LoggerContext created = new LoggerContext();
        created.setName("default");
        LogbackMDCAdapter adapter = new LogbackMDCAdapter();
        created.setMDCAdapter(adapter);
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(created);
        configurator.configure(created);
        created.start();
        context = created;
        mdc = adapter;
        markers = new BasicMarkerFactory();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
