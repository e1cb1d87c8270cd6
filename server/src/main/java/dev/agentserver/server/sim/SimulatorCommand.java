package dev.agentserver.server.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code agent-server sim}: starts a {@link Simulator}, prints its addresses as one JSON line on stdout,
 * and runs until stdin reaches its end (or, with {@code --ignore-stdin}, until the process is stopped).
 */
final class SimulatorCommand {

    static final String USAGE = """
            usage: agent-server sim [options]
              --port N                      port on 127.0.0.1 (default 0: any free port)
              --scripts FILE                echo-DSL scripts (JSON array of strings), one per chat request
              --api-key KEY                 a bearer the chat API always accepts (repeatable)
              --auto-approve-after N        approve a device code after N pending polls (default 1; -1: never)
              --poll-interval SECONDS       interval told to device-flow clients (default 1)
              --access-token-ttl SECONDS    lifetime of access tokens (default 900)
              --refresh-rejection-status S  status for a used/revoked refresh token (default 401)
              --ignore-stdin                run until SIGTERM/SIGINT instead of until stdin closes
            Prints {"oauth_host":...,"chat_base_url":...,"admin_url":...,"port":...} on stdout, then serves.
            """;

    private SimulatorCommand() {
    }

    static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        SimulatorOptions options = SimulatorOptions.defaults();
        Set<String> apiKeys = new HashSet<>();
        boolean ignoreStdin = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--port" -> options = options.withPort(intValue(args, ++i, arg));
                    case "--scripts" -> options = options.withScriptsFile(Path.of(value(args, ++i, arg)));
                    case "--api-key" -> apiKeys.add(value(args, ++i, arg));
                    case "--auto-approve-after" -> options = options.withAutoApproveAfterPolls(intValue(args, ++i, arg));
                    case "--poll-interval" -> options = options.withPollIntervalSeconds(intValue(args, ++i, arg));
                    case "--access-token-ttl" -> options = options.withAccessTokenLifetimeSeconds(intValue(args, ++i, arg));
                    case "--refresh-rejection-status" -> options = options.withRefreshRejectionStatus(intValue(args, ++i, arg));
                    case "--ignore-stdin" -> ignoreStdin = true;
                    case "--help", "-h" -> {
                        stdout.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            options = options.withStaticApiKeys(apiKeys);
        } catch (IllegalArgumentException e) {
            stderr.println("agent-server sim: " + e.getMessage());
            stderr.print(USAGE);
            return 2;
        }

        Simulator simulator;
        try {
            simulator = Simulator.start(options);
        } catch (IOException e) {
            stderr.println("agent-server sim: cannot start: " + e.getMessage());
            return 1;
        }
        Thread closeOnSignal = new Thread(simulator::close, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(closeOnSignal);
        ObjectNode addresses = HttpIo.JSON.createObjectNode()
                .put("oauth_host", simulator.oauthBaseUrl())
                .put("chat_base_url", simulator.chatBaseUrl())
                .put("admin_url", simulator.adminBaseUrl())
                .put("port", simulator.port());
        stdout.println(addresses);
        stdout.flush();
        if (ignoreStdin) {
            waitForever();
        } else {
            drain(stdin);
        }
        simulator.close();
        Runtime.getRuntime().removeShutdownHook(closeOnSignal);
        return 0;
    }

    private static void drain(InputStream stdin) {
        try {
            stdin.transferTo(OutputStream.nullOutputStream());
        } catch (IOException endOfInput) {
            // a broken stdin ends the simulator as an orderly end of input does
        }
    }

    private static void waitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int intValue(String[] args, int index, String option) {
        String text = value(args, index, option);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + text + "'");
        }
    }
}
