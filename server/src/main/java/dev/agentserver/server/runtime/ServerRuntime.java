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
 * @param sessionOpened      run each time a front end has opened a session and written its answer: the
 *                           sign that prompts may follow, so start-up prepares what they need from here
 *                           rather than right after {@code initialize} (an idle server stays small)
 */
public record ServerRuntime(SessionFactory sessions, AuthGate auth, String launcherCommand, ExecutorService executor,
        Consumer<String> clientNameListener, ModelCatalog models, Runnable sessionOpened) {

    /** A runtime that prepares nothing ahead of the first prompt. */
    public ServerRuntime(SessionFactory sessions, AuthGate auth, String launcherCommand, ExecutorService executor,
            Consumer<String> clientNameListener, ModelCatalog models) {
        this(sessions, auth, launcherCommand, executor, clientNameListener, models, () -> { });
    }

    /** A runtime whose sessions keep the model they start with. */
    public ServerRuntime(SessionFactory sessions, AuthGate auth, String launcherCommand, ExecutorService executor,
            Consumer<String> clientNameListener) {
        this(sessions, auth, launcherCommand, executor, clientNameListener, ModelCatalog.NONE);
    }
}
