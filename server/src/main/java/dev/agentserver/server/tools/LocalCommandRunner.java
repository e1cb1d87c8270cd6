package dev.agentserver.server.tools;

import dev.agentserver.server.model.CancelSignal;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs commands with {@code bash -c} on this machine. */
public final class LocalCommandRunner implements CommandRunner {

    /**
     * How long to wait for the rest of the output once bash has exited. A background job started by the
     * command ({@code server &}) inherits the output pipe and may keep it open for hours; its later output
     * is not waited for.
     */
    private static final Duration OUTPUT_GRACE = Duration.ofMillis(250);

    private final int maxOutputChars;

    public LocalCommandRunner() {
        this(50_000);
    }

    public LocalCommandRunner(int maxOutputChars) {
        this.maxOutputChars = maxOutputChars;
    }

    @Override
    public CommandResult run(String command, Path cwd, Duration timeout, CancelSignal cancel)
            throws IOException, CancelSignal.CancelledException {
        cancel.throwIfCancelled();
        Process process = new ProcessBuilder("bash", "-c", command)
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .start();
        // Closing stdin makes a command that waits for input fail at once instead of hanging.
        process.getOutputStream().close();
        OutputTail output = new OutputTail(maxOutputChars);
        Thread reader = Thread.ofVirtual().name("command-output-" + process.pid())
                .start(() -> drain(process.getInputStream(), output));

        boolean finished;
        CancelSignal.Registration onCancel = cancel.onCancel(() -> killTree(process));
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
                process.waitFor();
            }
        } catch (InterruptedException e) {
            // Whoever interrupted this thread wants the work to stop, just as a cancel does.
            killTree(process);
            Thread.currentThread().interrupt();
            throw new CancelSignal.CancelledException();
        } finally {
            onCancel.close();
        }
        cancel.throwIfCancelled();
        awaitReader(reader);
        return new CommandResult(finished ? process.exitValue() : null, output.text(), output.truncated(),
                !finished, null);
    }

    /**
     * Kills the command and everything it started. The descendants are listed first: once bash is dead its
     * children are re-parented and can no longer be found from it.
     */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static void drain(InputStream stream, OutputTail output) {
        char[] buffer = new char[8192];
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            int read;
            while ((read = reader.read(buffer)) >= 0) {
                output.append(buffer, 0, read);
            }
        } catch (IOException e) {
            // The pipe broke because the process was killed; what was read so far is the output.
        }
    }

    private static void awaitReader(Thread reader) throws CancelSignal.CancelledException {
        try {
            reader.join(OUTPUT_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelSignal.CancelledException();
        }
    }
}
