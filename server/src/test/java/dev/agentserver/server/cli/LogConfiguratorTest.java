package dev.agentserver.server.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.InfoStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogConfiguratorTest {

    @Test
    void warningsAndLogbacksOwnErrorsGoToStderrAndNothingBelow() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // as logback's service provider sets it up
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            new LogConfigurator().configure(context);
            context.getLogger("dev.agentserver.Test").warn("careful {}", 1);
            context.getLogger("dev.agentserver.Test").info("chatter");
            context.getStatusManager().add(new InfoStatus("logback chatter", this));
            context.getStatusManager().add(new ErrorStatus("appender broke", this));
        } finally {
            System.setErr(saved);
            context.stop();
        }
        String written = err.toString(StandardCharsets.UTF_8);
        assertTrue(written.contains(" WARN  [") && written.contains("dev.agentserver.Test - careful 1\n"), written);
        assertTrue(written.contains("logback: appender broke\n"), written);
        assertFalse(written.contains("chatter"), written);
    }
}
