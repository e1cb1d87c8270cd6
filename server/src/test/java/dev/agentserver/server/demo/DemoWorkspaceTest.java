package dev.agentserver.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.server.config.AgentConfig;
import dev.agentserver.server.config.ConfigLoader;
import dev.agentserver.server.config.ProviderEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoWorkspaceTest {

    @Test
    void itsConfigIsAnOAuthKimiProviderAtTheSimulatorAndItCleansUp() throws Exception {
        Path root;
        try (DemoWorkspace workspace = DemoWorkspace.create("http://127.0.0.1:5/", "http://127.0.0.1:5/v1")) {
            root = workspace.shareDir().getParent();
            AgentConfig config = ConfigLoader.load(workspace.shareDir(), null, null, Map.of());

            ProviderEntry provider = config.provider(config.defaultModel().orElseThrow().provider()).orElseThrow();
            assertEquals("kimi", provider.type());
            assertEquals("http://127.0.0.1:5/v1", provider.baseUrl());
            assertEquals("oauth/kimi-code", provider.oauthKey());
            assertTrue(Files.isDirectory(workspace.workDir()));

            Map<String, String> env = workspace.childEnvironment(Map.of("PATH", "/bin", "KIMI_API_KEY", "sk-user",
                    "KIMI_BASE_URL", "https://elsewhere", "KIMI_SHARE_DIR", "/home/u/.kimi"));
            assertEquals(Map.of("PATH", "/bin", "KIMI_SHARE_DIR", workspace.shareDir().toString(),
                    "KIMI_CODE_OAUTH_HOST", "http://127.0.0.1:5/"), env);
        }
        assertFalse(Files.exists(root));
    }
}
