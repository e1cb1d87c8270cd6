package dev.agentserver.server.runtime;

import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Everything a front end needs from start-up, built once in the CLI.
 *
 * @param launcherCommand    the absolute command that starts this server (for ACP's terminal login)
 * @param executor           virtual-thread executor for turns and other long work
 * @param clientNameListener told the client's name from initialize (it goes into the User-Agent)
 * @param models             the configured models a session may switch to
 */
public record ServerRuntime(SessionFactory sessions, AuthGate auth, String launcherCommand, ExecutorService executor,
        Consumer<String> clientNameListener, ModelCatalog models) {

    /** A runtime whose sessions keep the model they start with. */
    public ServerRuntime(SessionFactory sessions, AuthGate auth, String launcherCommand, ExecutorService executor,
            Consumer<String> clientNameListener) {
        this(sessions, auth, launcherCommand, executor, clientNameListener, ModelCatalog.NONE);
    }
}
