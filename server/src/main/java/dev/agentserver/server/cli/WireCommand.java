package dev.agentserver.server.cli;

import dev.agentserver.protocol.jsonrpc.JsonRpcConnection;
import dev.agentserver.protocol.jsonrpc.RpcDialect;
import dev.agentserver.protocol.wire.WireBinding;
import dev.agentserver.protocol.wire.WireClient;
import dev.agentserver.protocol.wire.WireGson;
import dev.agentserver.server.ids.RandomIds;
import dev.agentserver.server.runtime.OpenedSession;
import dev.agentserver.server.runtime.ServerRuntime;
import dev.agentserver.server.session.SessionStore;
import dev.agentserver.server.tools.LocalCommandRunner;
import dev.agentserver.server.tools.LocalFileAccess;
import dev.agentserver.server.wire.WireServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/** {@code agent-server --wire}: one session, Kimi wire 1.10 on stdin/stdout, until end of input. */
final class WireCommand {

    private WireCommand() {
    }

    static int run(Startup startup, InputStream in, OutputStream out) throws Startup.StartupException {
        String sessionId = sessionId(startup);
        ExecutorService executor = Startup.newExecutor();
        ServerRuntime runtime = startup.runtime(executor);
        OpenedSession opened;
        try {
            opened = runtime.sessions().open(startup.workDir, sessionId, new LocalFileAccess(), new LocalCommandRunner());
        } catch (RuntimeException e) {
            throw new Startup.StartupException("cannot open session " + sessionId + ": " + e.getMessage());
        }
        WireServer server = new WireServer(opened.session(), opened.files(), opened.recorder(), executor,
                runtime.clientNameListener());
        JsonRpcConnection<WireClient> connection = JsonRpcConnection.create(WireBinding.INSTANCE, server, RpcDialect.WIRE,
                WireGson.CONFIG, in, out);
        server.connect(connection.remote(), connection.gson());
        try {
            connection.run();
        } catch (IOException e) {
            // stdin broke: treated like end of input.
        } finally {
            server.shutdown();
            startup.close();
        }
        return 0;
    }

    private static String sessionId(Startup startup) throws Startup.StartupException {
        CliOptions options = startup.options;
        if (options.sessionId() != null) {
            if (!SessionStore.isSafeId(options.sessionId())) {
                throw new Startup.StartupException("invalid session id: " + options.sessionId());
            }
            return options.sessionId();
        }
        if (options.continueLast()) {
            return new SessionStore(startup.shareDir, Clock.systemUTC()).latest(startup.workDir)
                    .orElseThrow(() -> new Startup.StartupException("no earlier session to continue in " + startup.workDir));
        }
        return RandomIds.uuid();
    }
}
