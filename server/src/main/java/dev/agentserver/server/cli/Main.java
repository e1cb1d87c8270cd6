package dev.agentserver.server.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * Entry point of the packaged server. In the protocol modes stdout belongs to the protocol alone: the
 * real stdout is handed to the front end and {@code System.out} is pointed at stderr, so that nothing a
 * library prints can corrupt the stream. The other commands (sim, demo, info...) print normally.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream stdout = System.out;
        ProcessLogging.install();
        System.exit(run(args, System.getenv(), stdout));
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
            if (options.command() == CliOptions.Command.WIRE || options.command() == CliOptions.Command.ACP) {
                // The protocol owns the real stdout; anything else printing to System.out goes to stderr.
                System.setOut(System.err);
            }
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
                case ACP -> AcpCommand.run(Startup.of(options, env), System.in, stdout);
                case LOGIN -> AccountCommands.login(Startup.of(options, env), stdout);
                case LOGOUT -> AccountCommands.logout(Startup.of(options, env), stdout);
                case INFO -> AccountCommands.info(Startup.of(options, env), stdout);
                case SIM -> dev.agentserver.server.sim.Simulator.run(options.extraArgs().toArray(String[]::new));
                case DEMO -> dev.agentserver.server.demo.Demo.run(options.extraArgs().toArray(String[]::new));
            };
        } catch (Startup.StartupException e) {
            System.err.println("agent-server: " + e.getMessage());
            return 1;
        }
    }
}
