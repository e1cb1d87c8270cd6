package dev.agentserver.server.tools;

import static dev.agentserver.server.tools.ToolTesting.brief;
import static dev.agentserver.server.tools.ToolTesting.json;
import static dev.agentserver.server.tools.ToolTesting.local;
import static dev.agentserver.server.tools.ToolTesting.run;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.ToolReturn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellTest {

    @TempDir
    Path dir;

    private final Shell shell = new Shell();

    @Test
    void asksToRunTheCommandWithTheShellBlock() throws Exception {
        PreparedCall call = shell.prepare(json("{\"command\": \"echo hi\"}"), local(dir));

        assertEquals(new ApprovalInfo("Shell", "run command", "Run command `echo hi`",
                List.of(new DisplayBlock.Shell("bash", "echo hi"))), call.approval());
        assertEquals(new ToolPresentation("Run `echo hi`", "execute", List.of()), call.presentation());
    }

    @Test
    void titleShowsOnlyTheFirstLineOfALongCommand() throws Exception {
        PreparedCall call = shell.prepare(json("{\"command\": \"echo one\\necho two\"}"), local(dir));

        assertEquals("Run `echo one…`", call.presentation().title());
        assertEquals("Run command `echo one\necho two`", call.approval().description());
    }

    @Test
    void reportsOutputOfASuccessfulCommand() throws Exception {
        ToolReturn result = run(shell, local(dir), "{\"command\": \"echo hi; echo there >&2\"}");

        assertEquals(new ToolReturn(false, "hi\nthere\n", "Command executed successfully.", List.of(
                new DisplayBlock.Brief("Command executed successfully"),
                new DisplayBlock.Shell("bash", "echo hi; echo there >&2"))), result);
    }

    @Test
    void reportsAFailingCommandWithItsOutput() throws Exception {
        ToolReturn result = run(shell, local(dir), "{\"command\": \"echo broken >&2; exit 7\"}");

        assertTrue(result.isError());
        assertEquals("broken\n", result.output());
        assertEquals("Command failed with exit code: 7.", result.message());
        assertEquals("Failed with exit code: 7", brief(result));
        assertTrue(result.display().contains(new DisplayBlock.Shell("bash", "echo broken >&2; exit 7")));
    }

    @Test
    void killsACommandThatOutlivesItsTimeout() throws Exception {
        ToolReturn result = run(shell, local(dir), "{\"command\": \"echo waiting; sleep 30\", \"timeout\": 1}");

        assertTrue(result.isError());
        assertEquals("waiting\n", result.output());
        assertEquals("Command killed by timeout (1s).", result.message());
        assertEquals("Killed by timeout (1s)", brief(result));
    }

    @Test
    void runsInTheWorkDirSoRelativePathsWork() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "relative works");

        ToolReturn result = run(shell, local(dir), "{\"command\": \"cat notes.txt\"}");

        assertEquals("relative works", result.output());
    }

    @Test
    void keepsOnlyTheEndOfHugeOutput() throws Exception {
        ToolReturn result = run(shell, local(dir), "{\"command\": \"seq 1 300000\"}");

        assertFalse(result.isError());
        assertTrue(result.output().startsWith("[output truncated"));
        assertTrue(result.output().endsWith("299999\n300000\n"));
        assertTrue(result.output().length() < Shell.MAX_OUTPUT_CHARS + 100);
        assertEquals("Command executed successfully. The output was too long; only its end is shown.", result.message());
    }

    @Test
    void cutsOutputFromARunnerThatDidNotCutIt() throws Exception {
        String huge = "x".repeat(Shell.MAX_OUTPUT_CHARS) + "THE END";
        ToolContext context = new ToolContext(dir, new LocalFileAccess(),
                (command, cwd, timeout, cancel) -> new CommandRunner.CommandResult(0, huge, false, false, "term-1"));

        ToolReturn result = run(shell, context, "{\"command\": \"anything\"}");

        assertTrue(result.output().endsWith("xTHE END"));
        assertTrue(result.output().startsWith("[output truncated"));
    }

    @Test
    void passesTheWorkDirAndTimeoutToTheContextsRunner() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        ToolContext context = new ToolContext(dir, new LocalFileAccess(), (command, cwd, timeout, cancel) -> {
            seen.set(command + "|" + cwd + "|" + timeout.toSeconds());
            return new CommandRunner.CommandResult(0, "", false, false, null);
        });

        run(shell, context, "{\"command\": \"make\", \"timeout\": \"120\"}");

        assertEquals("make|" + dir + "|120", seen.get());
    }

    @Test
    void reportsACommandKilledFromOutside() throws Exception {
        ToolContext context = new ToolContext(dir, new LocalFileAccess(),
                (command, cwd, timeout, cancel) -> new CommandRunner.CommandResult(null, "partial", false, false, "t"));

        ToolReturn result = run(shell, context, "{\"command\": \"make\"}");

        assertTrue(result.isError());
        assertEquals("partial", result.output());
        assertEquals("Command was killed before it finished.", result.message());
    }

    @Test
    void reportsACommandThatCouldNotStart() throws Exception {
        ToolReturn result = run(shell, local(dir.resolve("no-such-dir")), "{\"command\": \"true\"}");

        assertTrue(result.isError());
        assertTrue(result.message().startsWith("Could not run the command: "), result.message());
    }

    @Test
    void cancelStopsARunningCommandPromptly() throws Exception {
        PreparedCall call = shell.prepare(json("{\"command\": \"touch started; sleep 30\"}"), local(dir));
        CancelSignal cancel = new CancelSignal();
        CompletableFuture<ToolReturn> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(call.run(cancel));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("started")));

        cancel.cancel();

        await().atMost(Duration.ofSeconds(2)).until(result::isDone);
        ExecutionException failure = assertThrows(ExecutionException.class, result::get);
        assertInstanceOf(CancelSignal.CancelledException.class, failure.getCause());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "{\"command\": \"\"}", "{\"command\": 5}", "{\"command\": null}", "[\"ls\"]",
        "{\"command\": \"ls\", \"timeout\": 0}", "{\"command\": \"ls\", \"timeout\": 301}",
        "{\"command\": \"ls\", \"timeout\": \"soon\"}", "{\"command\": \"ls\", \"timeout\": 1.5}"
    })
    void rejectsUnusableArguments(String arguments) {
        assertThrows(ToolArgumentException.class, () -> shell.prepare(json(arguments), local(dir)));
    }

    @Test
    void argumentErrorsNameTheProblem() {
        var missing = assertThrows(ToolArgumentException.class, () -> shell.prepare(json("{}"), local(dir)));
        var range = assertThrows(ToolArgumentException.class,
                () -> shell.prepare(json("{\"command\": \"ls\", \"timeout\": 301}"), local(dir)));

        assertEquals("Missing required argument `command`.", missing.getMessage());
        assertEquals("`timeout` must be between 1 and 300, not 301.", range.getMessage());
    }

    @Test
    void schemaRequiresTheCommandAndBoundsTheTimeout() {
        var schema = shell.parameters();

        assertEquals("[\"command\"]", schema.get("required").toString());
        assertEquals("string", schema.at("/properties/command/type").asText());
        assertEquals(300, schema.at("/properties/timeout/maximum").asInt());
        assertEquals(60, schema.at("/properties/timeout/default").asInt());
        assertNull(shell.parameters().get("properties").get("nothing"));
    }
}
