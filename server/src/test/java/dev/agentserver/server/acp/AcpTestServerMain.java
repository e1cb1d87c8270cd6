package dev.agentserver.server.acp;

import dev.agentserver.server.agent.RetryPolicy;
import dev.agentserver.server.agent.TurnSettings;
import dev.agentserver.server.llm.scripted.ScriptedEchoProvider;
import dev.agentserver.server.runtime.AuthGate;
import dev.agentserver.server.runtime.ServerRuntime;
import dev.agentserver.server.runtime.SessionFactory;
import dev.agentserver.server.session.SessionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;

/**
 * An ACP server process for client tests until the CLI's {@code agent-server acp} exists: the scripted
 * model (scripts from {@code KIMI_SCRIPTED_ECHO_SCRIPTS}), the data directory {@code KIMI_SHARE_DIR}, the
 * test tools, and stdin/stdout as the connection.
 */
public final class AcpTestServerMain {

    private AcpTestServerMain() {
    }

    public static void main(String[] args) {
        // Before any logger exists: stdout belongs to the protocol.
        System.setProperty("logback.configurationFile", "acp/logback-stderr.xml");
        Path shareDir = Path.of(System.getenv("KIMI_SHARE_DIR"));
        Path scripts = Path.of(System.getenv("KIMI_SCRIPTED_ECHO_SCRIPTS"));
        SessionFactory sessions = new SessionFactory(new SessionStore(shareDir, Clock.systemUTC()),
                () -> new TestProvider(new ScriptedEchoProvider(AcpHarness.MODEL, scripts)), dev.agentserver.server.tools.ToolRegistry.builtins(),
                new TurnSettings(10, RetryPolicy.defaults(1), null, false, null), false, (duration, cancel) -> { });
        ServerRuntime runtime = new ServerRuntime(sessions, AuthGate.NONE, AcpHarness.LAUNCHER,
                Executors.newVirtualThreadPerTaskExecutor(), name -> { });
        int exit = AcpServer.serve(runtime, new ModelInEffect(AcpHarness.MODEL, false), System.in, System.out,
                dev.agentserver.server.tools.LocalFileAccess::new, dev.agentserver.server.tools.LocalCommandRunner::new);
        System.exit(exit);
    }
}
