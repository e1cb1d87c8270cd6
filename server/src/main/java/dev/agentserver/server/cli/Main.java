package dev.agentserver.server.cli;

import java.io.PrintStream;
import java.util.Map;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Entry point of the packaged server. In the protocol modes stdout belongs to the protocol alone: the
 * real stdout is handed to the front end and {@code System.out} is pointed at stderr, so that nothing a
 * library prints can corrupt the stream.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream protocolOut = System.out;
        System.setOut(System.err);
        // lsp4j logs through java.util.logging; route it to the same stderr logger as everything else.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(run(args, System.getenv(), protocolOut));
    }

    /** Interim: the ACP front end is being merged. */
    private static int notYet(String command) {
        System.err.println("agent-server: " + command + " is not available in this build yet");
        return 2;
    }

    static int run(String[] args, Map<String, String> env, PrintStream stdout) {
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (CliOptions.UsageException e) {
            System.err.println("agent-server: " + e.getMessage());
            return 2;
        }
        try {
            return switch (options.command()) {
                case HELP -> {
                    stdout.print(CliOptions.HELP);
                    yield 0;
                }
                case VERSION -> {
                    stdout.println("agent-server " + dev.agentserver.server.runtime.ServerVersion.VERSION);
                    yield 0;
                }
                case WIRE -> WireCommand.run(Startup.of(options, env), System.in, stdout);
                case ACP -> notYet("acp");
                case LOGIN -> AccountCommands.login(Startup.of(options, env), stdout);
                case LOGOUT -> AccountCommands.logout(Startup.of(options, env), stdout);
                case INFO -> AccountCommands.info(Startup.of(options, env), stdout);
                case SIM -> { // not a protocol mode: its addresses line belongs on the real stdout (docs/simulator.md)
                    System.setOut(stdout);
                    yield dev.agentserver.server.sim.Simulator.run(options.extraArgs().toArray(String[]::new));
                }
                case DEMO -> dev.agentserver.server.demo.Demo.run(options.extraArgs().toArray(String[]::new));
            };
        } catch (Startup.StartupException e) {
            System.err.println("agent-server: " + e.getMessage());
            return 1;
        }
    }
}
