package dev.agentserver.server.cli;

import dev.agentserver.server.acp.AcpServer;
import dev.agentserver.server.acp.ModelInEffect;
import dev.agentserver.server.runtime.ServerRuntime;
import dev.agentserver.server.tools.LocalCommandRunner;
import dev.agentserver.server.tools.LocalFileAccess;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code agent-server acp}: the Agent Client Protocol v1 on stdin/stdout, many sessions, until end of input. */
final class AcpCommand {

    private AcpCommand() {
    }

    static int run(Startup startup, InputStream in, OutputStream out) throws Startup.StartupException {
        ServerRuntime runtime = startup.runtime(Startup.newExecutor());
        ModelInEffect model = new ModelInEffect(startup.model.map(m -> m.name()).orElse(null),
                Boolean.TRUE.equals(startup.options.thinking()));
        try {
            return AcpServer.serve(runtime, model, in, out,
                    LocalFileAccess::new, LocalCommandRunner::new);
        } finally {
            startup.close();
        }
    }
}
