package dev.agentserver.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: a command (wire by default) and the common options. Accepts every flag that the
 * npm client {@code @moonshot-ai/kimi-agent-sdk} passes, so it can start this server as its executable.
 */
public record CliOptions(
        Command command,
        Path workDir,
        String sessionId,
        boolean continueLast,
        boolean yolo,
        String model,
        Path configFile,
        String configJson,
        Integer maxStepsPerTurn,
        Boolean thinking,
        boolean json,
        List<String> extraArgs) {

    public enum Command { WIRE, ACP, LOGIN, LOGOUT, INFO, SIM, DEMO, VERSION, HELP }

    /** A command line that cannot be understood; the message is the one line shown to the user. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static CliOptions parse(String[] args) throws UsageException {
        Command command = null;
        Path workDir = null;
        String sessionId = null;
        boolean continueLast = false;
        boolean yolo = false;
        String model = null;
        Path configFile = null;
        String configJson = null;
        Integer maxSteps = null;
        Boolean thinking = null;
        boolean json = false;
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inlineValue = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--wire" -> command = choose(command, Command.WIRE);
                case "acp", "--acp" -> command = choose(command, Command.ACP);
                case "login" -> command = choose(command, Command.LOGIN);
                case "logout" -> command = choose(command, Command.LOGOUT);
                case "info" -> command = choose(command, Command.INFO);
                case "sim" -> command = choose(command, Command.SIM);
                case "demo" -> command = choose(command, Command.DEMO);
                case "--version", "-V" -> command = Command.VERSION;
                case "--help", "-h" -> command = Command.HELP;
                case "--work-dir", "-w" -> workDir = Path.of((inlineValue != null ? inlineValue : value(args, ++i, arg)));
                case "--session", "-S" -> sessionId = (inlineValue != null ? inlineValue : value(args, ++i, arg));
                case "--continue", "-C" -> continueLast = true;
                case "--yolo", "-y", "--yes", "--auto-approve" -> yolo = true;
                case "--model", "-m" -> model = (inlineValue != null ? inlineValue : value(args, ++i, arg));
                case "--config-file" -> configFile = Path.of((inlineValue != null ? inlineValue : value(args, ++i, arg)));
                case "--config" -> configJson = (inlineValue != null ? inlineValue : value(args, ++i, arg));
                case "--max-steps-per-turn" -> maxSteps = positive((inlineValue != null ? inlineValue : value(args, ++i, arg)), arg);
                case "--thinking" -> thinking = true;
                case "--no-thinking" -> thinking = false;
                // `login --json` is how the npm client runs a login: progress as JSON lines on stdout.
                case "--json" -> json = true;
                // Accepted for the npm client; this server has no agent files or skills yet.
                case "--agent-file", "--skills-dir" -> extra.add(arg + "=" + (inlineValue != null ? inlineValue : value(args, ++i, arg)));
                default -> {
                    if (command == Command.SIM || command == Command.DEMO) {
                        extra.add(args[i]);
                    } else {
                        throw new UsageException("unknown argument: " + args[i] + " (see --help)");
                    }
                }
            }
            if (inlineValue != null && !takesValue(arg)) {
                throw new UsageException(arg + " takes no value");
            }
        }
        if (continueLast && sessionId != null) {
            throw new UsageException("--continue and --session cannot be used together");
        }
        return new CliOptions(command == null ? Command.WIRE : command, workDir, sessionId, continueLast, yolo, model,
                configFile, configJson, maxSteps, thinking, json, List.copyOf(extra));
    }

    private static boolean takesValue(String flag) {
        return switch (flag) {
            case "--work-dir", "--session", "--model", "--config-file", "--config", "--max-steps-per-turn",
                    "--agent-file", "--skills-dir" -> true;
            default -> false;
        };
    }

    private static Command choose(Command current, Command next) throws UsageException {
        // ACP terminal auth appends its args to the agent's own command line: `agent-server acp login`.
        if ((current == Command.ACP && next == Command.LOGIN) || (current == Command.LOGIN && next == Command.ACP)) {
            return Command.LOGIN;
        }
        if (current != null && current != next) {
            throw new UsageException("choose one command, not both " + current.name().toLowerCase() + " and "
                    + next.name().toLowerCase());
        }
        return next;
    }

    private static String value(String[] args, int index, String flag) throws UsageException {
        if (index >= args.length) {
            throw new UsageException(flag + " needs a value");
        }
        return args[index];
    }

    private static int positive(String text, String flag) throws UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " needs a positive whole number, not " + text);
        }
    }

    static final String HELP = """
            Usage: agent-server [command] [options]

            Commands:
              (none), --wire       Kimi wire protocol 1.10 on stdin/stdout
              acp                  Agent Client Protocol v1 on stdin/stdout
              login                log in with the OAuth device flow
              logout               delete the stored credentials
              info                 version, data dir, model and credential status
              sim                  run the loopback simulator of the OAuth and chat APIs
              demo                 a short demo session against the simulator
              --version, --help

            Options:
              --work-dir DIR           working directory of the session (default: current)
              --session ID             use (or create) this session
              --continue               continue the last session of the work dir
              --yolo                   approve every action without asking
              --model NAME             model from the configuration
              --config-file FILE       configuration file (TOML or JSON)
              --config JSON            configuration given inline
              --max-steps-per-turn N   step limit of a turn
              --thinking, --no-thinking

            Environment: KIMI_SHARE_DIR (data dir, default ~/.kimi), KIMI_CODE_OAUTH_HOST,
            KIMI_BASE_URL / KIMI_API_KEY / KIMI_MODEL_NAME, OPENAI_BASE_URL / OPENAI_API_KEY / OPENAI_MODEL.
            """;
}
