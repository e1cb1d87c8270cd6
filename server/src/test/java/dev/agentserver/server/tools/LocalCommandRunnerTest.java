package dev.agentserver.server.tools;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.server.model.CancelSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCommandRunnerTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private final LocalCommandRunner runner = new LocalCommandRunner();

    @Test
    void collectsStdoutAndStderrInTheOrderTheyWereWritten() throws Exception {
        var result = runner.run("echo one; echo two >&2; echo three", dir, MINUTE, new CancelSignal());

        assertEquals("one\ntwo\nthree\n", result.output());
        assertEquals(0, result.exitCode());
        assertFalse(result.truncated());
        assertFalse(result.timedOut());
        assertNull(result.terminalId());
    }

    @Test
    void reportsTheExitCode() throws Exception {
        var result = runner.run("echo failing; exit 3", dir, MINUTE, new CancelSignal());

        assertEquals(3, result.exitCode());
        assertEquals("failing\n", result.output());
    }

    @Test
    void runsInTheGivenDirectory() throws Exception {
        Files.writeString(dir.resolve("here.txt"), "found me");

        var result = runner.run("pwd; cat here.txt", dir, MINUTE, new CancelSignal());

        assertEquals(dir.toRealPath() + "\nfound me", result.output());
    }

    @Test
    void decodesUtf8Output() throws Exception {
        var result = runner.run("printf 'héllo ✓ 😀'", dir, MINUTE, new CancelSignal());

        assertEquals("héllo ✓ 😀", result.output());
    }

    @Test
    void givesTheCommandAClosedStdin() throws Exception {
        var result = runner.run("cat; echo after", dir, MINUTE, new CancelSignal());

        assertEquals("after\n", result.output());
        assertEquals(0, result.exitCode());
    }

    @Test
    void killsTheCommandWhenTheTimeoutPassesAndKeepsItsOutput() throws Exception {
        long start = System.nanoTime();
        var result = runner.run("echo started; sleep 30", dir, Duration.ofMillis(300), new CancelSignal());

        assertTrue(result.timedOut());
        assertNull(result.exitCode());
        assertEquals("started\n", result.output());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void cancelKillsTheCommandAndItsChildrenPromptly() throws Exception {
        Path pids = dir.resolve("pids");
        CancelSignal cancel = new CancelSignal();
        CompletableFuture<CommandRunner.CommandResult> run = runAsync(
                "echo $$ > pids; sleep 30 & echo $! >> pids; sleep 31 & echo $! >> pids; wait", cancel);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pids) && lines(pids).size() == 3);
        List<Long> processes = lines(pids).stream().map(Long::parseLong).toList();
        assertTrue(processes.stream().allMatch(LocalCommandRunnerTest::running));

        cancel.cancel();

        await().atMost(Duration.ofSeconds(2)).until(run::isDone);
        ExecutionException failure = assertThrows(ExecutionException.class, run::get);
        assertInstanceOf(CancelSignal.CancelledException.class, failure.getCause());
        await().atMost(Duration.ofSeconds(2)).until(() -> processes.stream().noneMatch(LocalCommandRunnerTest::running));
    }

    @Test
    void anAlreadyCancelledSignalStartsNothing() {
        CancelSignal cancel = new CancelSignal();
        cancel.cancel();

        assertThrows(CancelSignal.CancelledException.class,
                () -> runner.run("touch started", dir, MINUTE, cancel));
        assertFalse(Files.exists(dir.resolve("started")));
    }

    @Test
    void keepsTheEndOfLargeOutputWithoutDeadlock() throws Exception {
        // About 6.9 MB of output, far beyond any pipe buffer.
        var result = runner.run("seq 1 1000000", dir, MINUTE, new CancelSignal());

        assertEquals(0, result.exitCode());
        assertTrue(result.truncated());
        assertEquals(50_000, result.output().length());
        assertTrue(result.output().endsWith("999999\n1000000\n"));
    }

    @Test
    void honoursAConfiguredOutputLimit() throws Exception {
        var result = new LocalCommandRunner(10).run("echo 0123456789abcdef", dir, MINUTE, new CancelSignal());

        assertTrue(result.truncated());
        assertEquals("789abcdef\n", result.output());
    }

    @Test
    void doesNotWaitForABackgroundJobThatKeepsTheOutputOpen() throws Exception {
        long start = System.nanoTime();
        var result = runner.run("echo hi; sleep 30 & echo $! > bg", dir, MINUTE, new CancelSignal());
        try {
            assertEquals(0, result.exitCode());
            assertEquals("hi\n", result.output());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        } finally {
            ProcessHandle.of(Long.parseLong(lines(dir.resolve("bg")).getFirst())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void failsWhenTheDirectoryDoesNotExist() {
        assertThrows(IOException.class,
                () -> runner.run("true", dir.resolve("missing"), MINUTE, new CancelSignal()));
    }

    private CompletableFuture<CommandRunner.CommandResult> runAsync(String command, CancelSignal cancel) {
        CompletableFuture<CommandRunner.CommandResult> future = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                future.complete(runner.run(command, dir, MINUTE, cancel));
            } catch (Exception e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
    }

    /** Alive and not a zombie: a killed child whose new parent has not reaped it yet counts as gone. */
    static boolean running(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
