package dev.agentserver.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the packaged server writes to stderr, the pane an editor shows: nothing by default, one format always. */
class ServerLogTest {

    /** {@code 12:04:05.120 DEBUG [thread] d.a.p.j.InboundDispatcher - message}: the server's own layout. */
    private static final Pattern IGNORED_NOTIFICATION = Pattern.compile(
            "(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG \\[[^\\]]+\\] d\\.a\\.p\\.j\\.InboundDispatcher - ignored notification no/such$");

    @TempDir
    Path temp;

    @Test
    void atTheDefaultLevelAStartAndAnIgnoredNotificationWriteNothing() throws Exception {
        String stderr = runAcp(Map.of());
        assertEquals("", stderr, "stderr at the default level");
    }

    @Test
    void aChosenLevelShowsTheServersLinesInItsOwnLayout() throws Exception {
        String stderr = runAcp(Map.of("AGENT_SERVER_LOG_LEVEL", "DEBUG"));
        assertTrue(IGNORED_NOTIFICATION.matcher(stderr).find(), stderr);
    }

    /** An ACP server given an unknown notification and initialize, to the end of its input; its stderr. */
    private String runAcp(Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("KIMI_SHARE_DIR", temp.toString(), "HOME", temp.toString(),
                "KIMI_BASE_URL", "http://127.0.0.1:9/v1", "KIMI_API_KEY", "unused", "KIMI_MODEL_NAME", "m"));
        env.putAll(extraEnv);
        ServerProcess server = ServerProcess.start(List.of("acp"), env, temp);
        server.sendLine("{\"jsonrpc\":\"2.0\",\"method\":\"no/such\",\"params\":{}}");
        server.request("1", "initialize", ServerProcess.JSON.createObjectNode().put("protocolVersion", 1));
        server.untilAnswer("1");
        server.closeStdin();
        String stderr = server.stderrAtExit(Duration.ofSeconds(20));
        server.close();
        return stderr;
    }
}
