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
        Arguments at = new Arguments(args);
        while (at.advance()) {
            switch (at.flag()) {
                case "--wire" -> command = choose(command, Command.WIRE);
                case "acp", "--acp" -> command = choose(command, Command.ACP);
                case "login" -> command = choose(command, Command.LOGIN);
                case "logout" -> command = choose(command, Command.LOGOUT);
                case "info" -> command = choose(command, Command.INFO);
                case "sim" -> command = choose(command, Command.SIM);
                case "demo" -> command = choose(command, Command.DEMO);
                case "--version", "-V" -> command = Command.VERSION;
                case "--help", "-h" -> command = Command.HELP;
                case "--work-dir", "-w" -> workDir = Path.of(at.value());
                case "--session", "-S" -> sessionId = at.value();
                case "--continue", "-C" -> continueLast = true;
                case "--yolo", "-y", "--yes", "--auto-approve" -> yolo = true;
                case "--model", "-m" -> model = at.value();
                case "--config-file" -> configFile = Path.of(at.value());
                case "--config" -> configJson = at.value();
                case "--max-steps-per-turn" -> maxSteps = positive(at.value(), at.flag());
                case "--thinking" -> thinking = true;
                case "--no-thinking" -> thinking = false;
                // `login --json` is how the npm client runs a login: progress as JSON lines on stdout.
                case "--json" -> json = true;
                // Accepted for the npm client; this server has no agent files or skills yet.
                case "--agent-file", "--skills-dir" -> extra.add(at.flag() + "=" + at.value());
                default -> {
                    if (command == Command.SIM || command == Command.DEMO) {
                        extra.add(at.passThrough());
                    } else {
                        throw new UsageException("unknown argument: " + at.raw() + " (see --help)");
                    }
                }
            }
            at.checkInlineValueTaken();
        }
        if (continueLast && sessionId != null) {
            throw new UsageException("--continue and --session cannot be used together");
        }
        return new CliOptions(command == null ? Command.WIRE : command, workDir, sessionId, continueLast, yolo, model,
                configFile, configJson, maxSteps, thinking, json, List.copyOf(extra));
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

    /**
     * The command line, one argument at a time. A flag's value is its inline {@code --flag=value} or else the
     * next argument; whether a flag takes one is known only from the parser asking for it, so an inline value
     * that nobody took ({@code --yolo=1}) is a mistake.
     */
    private static final class Arguments {
        private final String[] args;
        private int index = -1;
        private String flag;
        private String inlineValue;

        Arguments(String[] args) {
            this.args = args;
        }

        boolean advance() {
            if (++index >= args.length) {
                return false;
            }
            String arg = args[index];
            int eq = arg.indexOf('=');
            boolean inline = arg.startsWith("--") && eq > 0;
            flag = inline ? arg.substring(0, eq) : arg;
            inlineValue = inline ? arg.substring(eq + 1) : null;
            return true;
        }

        String flag() {
            return flag;
        }

        /** The argument as given, inline value included. */
        String raw() {
            return args[index];
        }

        /** The argument as given, for another parser (sim's, demo's), which gets its inline value too. */
        String passThrough() {
            inlineValue = null;
            return args[index];
        }

        String value() throws UsageException {
            if (inlineValue != null) {
                String value = inlineValue;
                inlineValue = null;
                return value;
            }
            if (++index >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            return args[index];
        }

        void checkInlineValueTaken() throws UsageException {
            if (inlineValue != null) {
                throw new UsageException(flag + " takes no value");
            }
        }
    }
}
