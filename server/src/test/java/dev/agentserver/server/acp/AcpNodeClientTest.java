package dev.agentserver.server.acp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ACP client, the official TypeScript SDK run by node ({@code src/test/acp-client/drive.mjs}),
 * drives server processes through initialize, new, prompt, a permitted {@code fs/write_text_file}, a
 * cancel, and a load in a fresh process. Needs node and {@code npm ci --prefix server/src/test/acp-client}.
 */
class AcpNodeClientTest {

    private static final Path CLIENT_DIR = Path.of("src/test/acp-client").toAbsolutePath();

    @TempDir
    Path temp;

    @Test
    void theOfficialTypeScriptClientDrivesTheServer() throws IOException, InterruptedException {
        assumeTrue(Files.isDirectory(CLIENT_DIR.resolve("node_modules/@agentclientprotocol/sdk")),
                "the ACP SDK is not installed: run npm ci --prefix server/src/test/acp-client");
        assumeTrue(nodeRuns(), "node is not on the PATH");

        List<String> command = new ArrayList<>(List.of("node", "drive.mjs", "--"));
        command.addAll(serverCommand());
        Path log = temp.resolve("drive.log");
        Process drive = new ProcessBuilder(command).directory(CLIENT_DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = drive.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            drive.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(finished, "the client did not finish within 120 s:\n" + output);
        assertEquals(0, drive.exitValue(), output);
        assertTrue(output.contains(" passed, 0 failed"), output);
    }

    /** This JVM and test class path, running {@link AcpTestServerMain}: one server process per start. */
    private static List<String> serverCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(java, "-cp", classPath,
                AcpTestServerMain.class.getName());
    }

    private static boolean nodeRuns() {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
