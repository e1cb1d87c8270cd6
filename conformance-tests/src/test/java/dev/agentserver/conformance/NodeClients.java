package dev.agentserver.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real npm protocol clients in {@code src/test/node} (installed there by {@code bin/test}). */
public final class NodeClients {

    /** What a client script printed and how it ended. */
    public record Run(int exitCode, String stdout, String stderr) {}

    private NodeClients() {
    }

    public static Path dir() {
        return ServerProcess.repoRoot().resolve("conformance-tests/src/test/node");
    }

    /** Skips the calling test when Node.js or the installed clients are missing, saying how to install them. */
    public static void assumeInstalled() {
        assumeTrue(Files.isDirectory(dir().resolve("node_modules")),
                "npm clients not installed: run `npm ci --prefix conformance-tests/src/test/node` (bin/test does)");
    }

    public static Run run(String script, List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", dir().resolve(script).toString()));
        command.addAll(args);
        Path out = Files.createTempFile("node-client", ".out");
        Path err = Files.createTempFile("node-client", ".err");
        Process process = new ProcessBuilder(command).directory(dir().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("node client " + script + " did not finish in " + timeoutSeconds + " s: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
