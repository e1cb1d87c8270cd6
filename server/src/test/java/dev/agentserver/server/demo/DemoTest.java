package dev.agentserver.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();

    private int runDemo(Path launcher) {
        PrintStream out = new PrintStream(transcript, true, StandardCharsets.UTF_8);
        return assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> new Demo(out, launcher, Map.of("PATH", System.getenv("PATH"), "KIMI_API_KEY", "sk-user")).runAll());
    }

    private String transcript() {
        return transcript.toString(StandardCharsets.UTF_8);
    }

    private Path launcher(String body) throws IOException {
        Path script = dir.resolve("agent-server");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** A launcher that runs {@link FakeAgentServer} on this test's class path. */
    private Path fakeServerLauncher() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return launcher("exec '" + java + "' -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path") + "' "
                + FakeAgentServer.class.getName() + " \"$@\"");
    }

    @Test
    void runsLoginAToolCallWithApprovalAndASilentRecovery() throws Exception {
        int exit = runDemo(fakeServerLauncher());

        String text = transcript();
        assertEquals(0, exit, text);
        assertTrue(text.contains("$ agent-server login\n  login | Open http://127.0.0.1:"), text);
        assertTrue(text.contains("you       > " + Demo.FIRST_PROMPT), text);
        assertTrue(text.contains("thinking  > The user wants a command run."), text);
        assertTrue(text.contains("tool call > Shell {\"command\":\"echo hello from the demo\"}"), text);
        assertTrue(text.contains("approval  > Shell asks to run command: Run command `echo hello from the demo`"), text);
        assertTrue(text.contains("tool      > hello from the demo"), text);
        assertTrue(text.contains("assistant > The tool returned: hello from the demo"), text);
        assertTrue(text.contains("Behind the scenes the chat API answered 401 once; the server refreshed the token "
                + "(the refresh token rotated once) and retried."), text);
        assertEquals(2, text.lines().filter(line -> line.equals("result    > finished")).count(), text);
    }

    @Test
    void aFailedLoginStopsTheDemoWithItsOutputShown() throws Exception {
        int exit = runDemo(launcher("echo 'no browser here' >&2; exit 3"));

        assertEquals(1, exit);
        assertTrue(transcript().contains("  login | no browser here"), transcript());
    }

    @Test
    void aServerThatWritesGarbageOnStdoutIsReported() throws Exception {
        int exit = runDemo(launcher("[ \"$1\" = login ] && exit 0; read request; echo 'Starting up...'; exit 0"));

        assertEquals(1, exit);
        assertTrue(transcript().contains("error     > -32700 the server wrote a non-JSON line on stdout: Starting up..."),
                transcript());
    }

    @Test
    void aMissingLauncherIsReported() {
        assertEquals(1, runDemo(dir.resolve("no-such-launcher")));
    }
}
