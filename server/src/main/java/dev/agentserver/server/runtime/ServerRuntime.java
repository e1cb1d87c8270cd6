package dev.agentserver.server.runtime;

import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Everything a front end needs from start-up, built once in the CLI.
 *
 * @param launcherCommand    the absolute command that starts this server (for ACP's terminal login)
 * @param executor           virtual-thread executor for turns and other long work
 * @param clientNameListener told the client's name from initialize (it goes into the User-Agent)
 */
public record ServerRuntime(SessionFactory sessions, AuthGate auth, String launcherCommand, ExecutorService executor,
        Consumer<String> clientNameListener) {}
