package dev.agentserver.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Another implementation sharing the credential file: {@code python3 src/test/python/foreign_rotator.py},
 * which takes {@code fcntl.flock} on {@code kimi-code.lock}, rotates the refresh token at the OAuth server
 * itself and writes the file atomically.
 */
public final class ForeignInstance implements AutoCloseable {

    private final Process process;
    private final OutputStream in;
    private final BufferedReader out;

    private ForeignInstance(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static void assumePython() {
        boolean available;
        try {
            Process p = new ProcessBuilder("python3", "-c", "import fcntl").redirectErrorStream(true).start();
            available = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            available = false;
        }
        assumeTrue(available, "python3 (with fcntl) is needed for the foreign-instance scenarios");
    }

    public static ForeignInstance start(Path credentialsDir, String oauthHost) throws IOException {
        Path script = ServerProcess.repoRoot().resolve("conformance-tests/src/test/python/foreign_rotator.py");
        Process process = new ProcessBuilder(List.of("python3", script.toString(), credentialsDir.toString(), oauthHost))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new ForeignInstance(process);
    }

    private String command(String command) throws IOException {
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String line = answer.get(60, TimeUnit.SECONDS);
            if (line == null) {
                throw new IOException("the foreign instance ended while answering '" + command + "'");
            }
            return line;
        } catch (Exception e) {
            throw new IOException("no answer from the foreign instance to '" + command + "'", e);
        }
    }

    /** Blocks until the foreign instance holds the exclusive flock. */
    public void lock() throws IOException {
        expect("lock", "locked");
    }

    public void unlock() throws IOException {
        expect("unlock", "unlocked");
    }

    /** Rotates the file's refresh token at the OAuth server and writes the file; returns the new refresh token. */
    public String rotate() throws IOException {
        String answer = command("rotate");
        if (!answer.startsWith("rotated ")) {
            throw new AssertionError("the foreign rotation failed: " + answer);
        }
        return answer.substring("rotated ".length());
    }

    private void expect(String command, String answer) throws IOException {
        String got = command(command);
        if (!got.equals(answer)) {
            throw new AssertionError("foreign instance: '" + command + "' answered '" + got + "'");
        }
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: the kernel releases its flock. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            in.write("exit\n".getBytes(StandardCharsets.UTF_8));
            in.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
