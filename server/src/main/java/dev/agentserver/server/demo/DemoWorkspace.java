package dev.agentserver.server.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The throw-away world of one demo run: a data directory (KIMI_SHARE_DIR) whose config.toml points an
 * OAuth {@code kimi} provider at the simulator, an empty work directory, and the environment the child
 * processes get. Deleted on close.
 */
final class DemoWorkspace implements AutoCloseable {

    static final String PROVIDER = "managed:kimi-code";
    static final String MODEL = "kimi-for-coding";

    /** Variables that would override the demo's provider if the user happens to have them set. */
    private static final List<String> OVERRIDING_VARIABLES = List.of("KIMI_BASE_URL", "KIMI_API_KEY", "KIMI_MODEL_NAME",
            "KIMI_MODEL_MAX_CONTEXT_SIZE", "KIMI_MODEL_CAPABILITIES", "OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL",
            "KIMI_OAUTH_HOST", "KIMI_CODE_OAUTH_HOST", "KIMI_SHARE_DIR", "KIMI_SCRIPTED_ECHO_SCRIPTS");

    private final Path root;
    private final Path shareDir;
    private final Path workDir;
    private final String oauthHost;

    private DemoWorkspace(Path root, String oauthHost) {
        this.root = root;
        this.shareDir = root.resolve("share");
        this.workDir = root.resolve("work");
        this.oauthHost = oauthHost;
    }

    static DemoWorkspace create(String oauthHost, String chatBaseUrl) throws IOException {
        DemoWorkspace workspace = new DemoWorkspace(Files.createTempDirectory("agent-server-demo-"), oauthHost);
        Files.createDirectories(workspace.shareDir);
        Files.createDirectories(workspace.workDir);
        Files.writeString(workspace.shareDir.resolve("config.toml"), configToml(chatBaseUrl), StandardCharsets.UTF_8);
        return workspace;
    }

    /** The config a user gets after logging in to Kimi Code, with the simulator as the service. */
    static String configToml(String chatBaseUrl) {
        return """
                default_model = %s

                [providers.%s]
                type = "kimi"
                base_url = %s
                api_key = ""
                oauth = { storage = "file", key = "oauth/kimi-code" }

                [models.%s]
                provider = %s
                model = %s
                max_context_size = 262144
                """.formatted(quote(MODEL), quote(PROVIDER), quote(chatBaseUrl), quote(MODEL), quote(PROVIDER),
                quote(MODEL));
    }

    Path shareDir() {
        return shareDir;
    }

    Path workDir() {
        return workDir;
    }

    /** The parent's environment without anything that would point the children elsewhere, plus the demo's own. */
    Map<String, String> childEnvironment(Map<String, String> parent) {
        Map<String, String> env = new HashMap<>(parent);
        OVERRIDING_VARIABLES.forEach(env::remove);
        env.put("KIMI_SHARE_DIR", shareDir.toString());
        env.put("KIMI_CODE_OAUTH_HOST", oauthHost);
        return env;
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the demo directory " + root, e);
        }
    }

    /** A TOML basic string; JSON's string escapes are a subset of TOML's. */
    private static String quote(String value) {
        try {
            return JsonMapper.builder().build().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serializes", e);
        }
    }
}
