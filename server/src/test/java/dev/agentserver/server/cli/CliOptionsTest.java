package dev.agentserver.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliOptionsTest {

    @Test
    void theNpmClientsFlagsAreAccepted() throws Exception {
        CliOptions o = CliOptions.parse(new String[] {"--session", "s1", "--work-dir", "/tmp/w", "--wire", "--model",
                "m", "--no-thinking", "--yolo", "--agent-file", "a.yaml", "--skills-dir", "/s"});
        assertEquals(CliOptions.Command.WIRE, o.command());
        assertEquals("s1", o.sessionId());
        assertEquals(Path.of("/tmp/w"), o.workDir());
        assertEquals("m", o.model());
        assertEquals(Boolean.FALSE, o.thinking());
        assertTrue(o.yolo());
    }

    @Test
    void wireIsTheDefaultAndSubcommandsAreRecognised() throws Exception {
        assertEquals(CliOptions.Command.WIRE, CliOptions.parse(new String[0]).command());
        assertEquals(CliOptions.Command.ACP, CliOptions.parse(new String[] {"acp"}).command());
        assertEquals(CliOptions.Command.LOGIN, CliOptions.parse(new String[] {"login"}).command());
        assertEquals(CliOptions.Command.INFO, CliOptions.parse(new String[] {"info"}).command());
        assertEquals(CliOptions.Command.LOGIN, CliOptions.parse(new String[] {"acp", "login"}).command(),
                "ACP terminal auth runs the agent's command with its args appended");
        assertEquals(CliOptions.Command.VERSION, CliOptions.parse(new String[] {"--version"}).command());
    }

    @Test
    void inlineValuesAndNumbers() throws Exception {
        CliOptions o = CliOptions.parse(new String[] {"--max-steps-per-turn=3", "--continue", "--config={}"});
        assertEquals(3, o.maxStepsPerTurn());
        assertTrue(o.continueLast());
        assertEquals("{}", o.configJson());
        assertFalse(o.yolo());
    }

    @Test
    void mistakesGiveOneClearLine() {
        assertEquals("unknown argument: --bogus (see --help)",
                assertThrows(CliOptions.UsageException.class, () -> CliOptions.parse(new String[] {"--bogus"})).getMessage());
        assertThrows(CliOptions.UsageException.class, () -> CliOptions.parse(new String[] {"--model"}));
        assertThrows(CliOptions.UsageException.class, () -> CliOptions.parse(new String[] {"--max-steps-per-turn", "0"}));
        assertThrows(CliOptions.UsageException.class, () -> CliOptions.parse(new String[] {"acp", "logout"}));
        assertThrows(CliOptions.UsageException.class, () -> CliOptions.parse(new String[] {"--continue", "--session", "x"}));
        assertEquals("--yolo takes no value",
                assertThrows(CliOptions.UsageException.class, () -> CliOptions.parse(new String[] {"--yolo=1"})).getMessage());
        assertEquals("--session needs a value",
                assertThrows(CliOptions.UsageException.class, () -> CliOptions.parse(new String[] {"--session"})).getMessage());
    }

    @Test
    void everyValueFlagTakesItsValueInlineOrNext() throws Exception {
        CliOptions inline = CliOptions.parse(new String[] {"--work-dir=/w", "--session=s", "--model=m",
                "--config-file=/c.toml", "--agent-file=a.yaml"});
        CliOptions next = CliOptions.parse(new String[] {"-w", "/w", "-S", "s", "-m", "m", "--config-file", "/c.toml",
                "--agent-file", "a.yaml"});
        for (CliOptions o : List.of(inline, next)) {
            assertEquals(Path.of("/w"), o.workDir());
            assertEquals("s", o.sessionId());
            assertEquals("m", o.model());
            assertEquals(Path.of("/c.toml"), o.configFile());
            assertEquals(List.of("--agent-file=a.yaml"), o.extraArgs());
        }
    }

    @Test
    void simAndDemoGetTheirArgumentsAsGiven() throws Exception {
        assertEquals(List.of("--port=0", "--scripts", "s.json"),
                CliOptions.parse(new String[] {"sim", "--port=0", "--scripts", "s.json"}).extraArgs());
    }
}
