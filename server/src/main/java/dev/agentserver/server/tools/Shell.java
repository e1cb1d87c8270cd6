package dev.agentserver.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.ToolReturn;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs a bash command in the work dir and tells the model what it printed and how it ended. */
public final class Shell implements Tool {

    static final int DEFAULT_TIMEOUT_SECONDS = 60;
    static final int MAX_TIMEOUT_SECONDS = 300;
    static final int MAX_OUTPUT_CHARS = 50_000;

    private static final ObjectNode PARAMETERS = JsonSchema.object()
            .required("command", JsonSchema.string("The bash command line to run."))
            .optional("timeout", JsonSchema.integer(
                    "Seconds to let the command run before it is killed.",
                    DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS))
            .build();

    @Override
    public String name() {
        return "Shell";
    }

    @Override
    public String description() {
        return """
                Run a command with bash (`bash -c`) in the working directory and get back its output, \
                stdout and stderr interleaved, with the exit code. Each call starts a fresh shell, so \
                `cd` and exported variables do not carry over to the next call; chain steps with `&&` \
                instead. Standard input is closed, so interactive programs fail rather than wait: pass \
                flags such as `-y` or `--no-pager`. The command is killed when the timeout passes \
                (default %d s, at most %d s). Only the last %d characters of the output are returned. \
                Prefer ReadFile, Glob and Grep for reading and searching files.\
                """.formatted(DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS, MAX_OUTPUT_CHARS);
    }

    @Override
    public ObjectNode parameters() {
        return PARAMETERS.deepCopy();
    }

    @Override
    public PreparedCall prepare(JsonNode arguments, ToolContext context) throws ToolArgumentException {
        Arguments args = Arguments.of(arguments);
        String command = args.nonEmptyString("command");
        int timeout = args.integer("timeout", DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS);
        DisplayBlock shell = new DisplayBlock.Shell("bash", command);
        return new ReadyCall(
                new ToolPresentation("Run `" + Titles.clip(command) + "`", "execute", List.of()),
                new ApprovalInfo("Shell", "run command", "Run command `" + command + "`", List.of(shell)),
                cancel -> run(command, timeout, shell, context, cancel));
    }

    private static ToolReturn run(String command, int timeout, DisplayBlock shell, ToolContext context,
            CancelSignal cancel) throws CancelSignal.CancelledException {
        CommandRunner.CommandResult result;
        try {
            result = context.commands().run(command, context.workDir(), Duration.ofSeconds(timeout), cancel);
        } catch (IOException e) {
            return ToolReturn.error("Could not run the command: " + e.getMessage(), "Could not run command");
        }
        String output = result.output();
        // Another runner (an editor's terminal) may not cut its output, so cut it here as well.
        boolean truncated = result.truncated() || output.length() > MAX_OUTPUT_CHARS;
        if (truncated) {
            output = "[output truncated: only its last " + MAX_OUTPUT_CHARS + " characters are kept]\n"
                    + OutputTail.keepEnd(output, MAX_OUTPUT_CHARS);
        }
        String note = truncated ? " The output was too long; only its end is shown." : "";
        if (result.timedOut()) {
            return outcome(true, output, "Command killed by timeout (" + timeout + "s)." + note,
                    "Killed by timeout (" + timeout + "s)", shell);
        }
        if (result.exitCode() == null) {
            return outcome(true, output, "Command was killed before it finished." + note, "Killed", shell);
        }
        if (result.exitCode() != 0) {
            return outcome(true, output, "Command failed with exit code: " + result.exitCode() + "." + note,
                    "Failed with exit code: " + result.exitCode(), shell);
        }
        return outcome(false, output, "Command executed successfully." + note, "Command executed successfully", shell);
    }

    private static ToolReturn outcome(boolean error, String output, String message, String brief, DisplayBlock shell) {
        return new ToolReturn(error, output, message, List.of(new DisplayBlock.Brief(brief), shell));
    }
}
