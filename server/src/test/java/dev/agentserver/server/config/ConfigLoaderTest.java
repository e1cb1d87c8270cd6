package dev.agentserver.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String KIMI_TOML = """
            default_model = "kimi-for-coding"
            theme = "dark"

            [providers."managed:kimi-code"]
            type = "kimi"
            base_url = "https://api.kimi.com/coding/v1"
            api_key = ""
            oauth = { storage = "file", key = "oauth/kimi-code" }
            custom_headers = { "X-Team" = "blue" }

            [models.kimi-for-coding]
            provider = "managed:kimi-code"
            model = "kimi-for-coding"
            max_context_size = 262144
            capabilities = ["thinking", "image_in"]
            display_name = "Kimi for Coding"

            [loop_control]
            max_steps_per_turn = 7
            max_retries_per_step = 2

            [services.moonshot_search]
            base_url = "https://search.example"
            """;

    @TempDir
    Path dir;

    @Test
    void readsConfigTomlFromTheShareDir() throws Exception {
        Files.writeString(dir.resolve("config.toml"), KIMI_TOML);

        AgentConfig config = ConfigLoader.load(dir, null, null, Map.of());

        ModelEntry model = config.defaultModel().orElseThrow();
        assertEquals(new ModelEntry("kimi-for-coding", "managed:kimi-code", "kimi-for-coding", 262144,
                Set.of("thinking", "image_in")), model);
        ProviderEntry provider = config.provider(model.provider()).orElseThrow();
        assertEquals("kimi", provider.type());
        assertEquals(ProviderType.KIMI, provider.knownType().orElseThrow());
        assertEquals("https://api.kimi.com/coding/v1", provider.baseUrl());
        assertEquals("oauth/kimi-code", provider.oauthKey());
        assertTrue(provider.usesOAuth());
        assertEquals(Map.of("X-Team", "blue"), provider.customHeaders());
        assertEquals(new LoopControl(7, 2), config.loopControl());
        assertEquals(dir.resolve("config.toml"), config.sourceFile().orElseThrow());
    }

    @Test
    void keepsUnknownKeysInTheRawDocument() throws Exception {
        Files.writeString(dir.resolve("config.toml"), KIMI_TOML);

        AgentConfig config = ConfigLoader.load(dir, null, null, Map.of());

        assertEquals("dark", config.raw().path("theme").asText());
        assertEquals("https://search.example", config.raw().path("services").path("moonshot_search").path("base_url").asText());
        assertEquals("Kimi for Coding", config.raw().path("models").path("kimi-for-coding").path("display_name").asText());
        config.raw().put("theme", "light");
        assertEquals("dark", config.raw().path("theme").asText(), "raw() hands out copies");
    }

    @Test
    void readsAJsonConfigFileByItsExtension() throws Exception {
        Path file = dir.resolve("custom.json");
        Files.writeString(file, """
                {"default_model":"scripted","models":{"scripted":{"provider":"p","model":"scripted_echo","max_context_size":100000}},
                 "providers":{"p":{"type":"_scripted_echo","base_url":"","api_key":"","env":{"KIMI_SCRIPTED_ECHO_SCRIPTS":"/tmp/s.json"}}}}
                """);

        AgentConfig config = ConfigLoader.load(dir, file, null, Map.of());

        ProviderEntry provider = config.provider("p").orElseThrow();
        assertEquals(ProviderType.SCRIPTED_ECHO, provider.knownType().orElseThrow());
        assertEquals(Map.of("KIMI_SCRIPTED_ECHO_SCRIPTS", "/tmp/s.json"), provider.env());
        assertNull(provider.oauthKey());
        assertEquals("scripted_echo", config.defaultModel().orElseThrow().model());
    }

    @Test
    void sniffsJsonContentInAFileWithAnotherExtension() throws Exception {
        Path file = dir.resolve("config.conf");
        Files.writeString(file, "  {\"default_model\": \"\", \"loop_control\": {\"max_steps_per_run\": 9}}");

        AgentConfig config = ConfigLoader.load(dir, file, null, Map.of());

        assertEquals(9, config.loopControl().maxStepsPerTurn());
        assertTrue(config.defaultModel().isEmpty());
    }

    @Test
    void readsInlineJsonAndIgnoresTheShareDirFile() throws Exception {
        Files.writeString(dir.resolve("config.toml"), KIMI_TOML);

        AgentConfig config = ConfigLoader.load(dir, null, """
                {"default_model":"m","models":{"m":{"provider":"o","model":"gpt-x"}},
                 "providers":{"o":{"type":"openai_legacy","base_url":"http://h/v1","api_key":"sk-1"}}}""", Map.of());

        assertEquals("gpt-x", config.defaultModel().orElseThrow().model());
        assertEquals(ConfigParser.DEFAULT_MAX_CONTEXT_SIZE, config.defaultModel().orElseThrow().maxContextSize());
        assertTrue(config.model("kimi-for-coding").isEmpty());
        assertTrue(config.sourceFile().isEmpty());
        assertEquals(LoopControl.DEFAULT, config.loopControl());
    }

    @Test
    void readsInlineTomlToo() throws Exception {
        AgentConfig config = ConfigLoader.load(dir, null, "[loop_control]\nmax_retries_per_step = 5\n", Map.of());

        assertEquals(5, config.loopControl().maxRetriesPerStep());
    }

    @Test
    void kimiVariablesOverrideTheKimiProviderAndItsModels() throws Exception {
        Files.writeString(dir.resolve("config.toml"), KIMI_TOML);

        AgentConfig config = ConfigLoader.load(dir, null, null, Map.of(
                "KIMI_BASE_URL", "http://127.0.0.1:9/v1",
                "KIMI_API_KEY", "sk-env",
                "KIMI_MODEL_NAME", "kimi-k2-env",
                "KIMI_MODEL_MAX_CONTEXT_SIZE", "4096",
                "KIMI_MODEL_CAPABILITIES", "Image_In, THINKING ,bogus",
                "OPENAI_API_KEY", "sk-other"));

        ModelEntry model = config.defaultModel().orElseThrow();
        assertEquals("kimi-k2-env", model.model());
        assertEquals(4096, model.maxContextSize());
        assertEquals(Set.of("image_in", "thinking"), model.capabilities());
        ProviderEntry provider = config.provider("managed:kimi-code").orElseThrow();
        assertEquals("http://127.0.0.1:9/v1", provider.baseUrl());
        assertEquals("sk-env", provider.apiKey());
        assertEquals("oauth/kimi-code", provider.oauthKey(), "OAuth stays; the key is its fallback");
        assertEquals(List.of("KIMI_BASE_URL", "KIMI_API_KEY", "KIMI_MODEL_NAME", "KIMI_MODEL_MAX_CONTEXT_SIZE",
                "KIMI_MODEL_CAPABILITIES"), config.appliedEnvironment());
    }

    @Test
    void openAiVariablesOverrideOnlyOpenAiProviders() throws Exception {
        String both = """
                default_model = "o"
                [providers.k]
                type = "kimi"
                base_url = "http://kimi/v1"
                api_key = "sk-k"
                [providers.oa]
                type = "openai_legacy"
                base_url = "http://openai/v1"
                api_key = "sk-o"
                [models.k]
                provider = "k"
                model = "kimi-model"
                [models.o]
                provider = "oa"
                model = "gpt-file"
                """;

        AgentConfig config = ConfigLoader.load(dir, null, both, Map.of(
                "OPENAI_BASE_URL", "http://env-openai/v1", "OPENAI_API_KEY", "sk-env", "OPENAI_MODEL", "gpt-env",
                "KIMI_MODEL_NAME", ""));

        assertEquals("http://env-openai/v1", config.provider("oa").orElseThrow().baseUrl());
        assertEquals("sk-env", config.provider("oa").orElseThrow().apiKey());
        assertEquals("gpt-env", config.model("o").orElseThrow().model());
        assertEquals("http://kimi/v1", config.provider("k").orElseThrow().baseUrl());
        assertEquals("kimi-model", config.model("k").orElseThrow().model(), "an empty variable counts as unset");
    }

    @Test
    void zeroConfigBuildsAKimiProviderFromTheEnvironment() throws Exception {
        AgentConfig config = ConfigLoader.load(dir, null, null, Map.of(
                "KIMI_BASE_URL", "http://127.0.0.1:9/v1", "KIMI_API_KEY", "sk-env"));

        ModelEntry model = config.defaultModel().orElseThrow();
        assertEquals("kimi-for-coding", model.model());
        ProviderEntry provider = config.provider(model.provider()).orElseThrow();
        assertEquals(ProviderType.KIMI, provider.knownType().orElseThrow());
        assertEquals("http://127.0.0.1:9/v1", provider.baseUrl());
        assertEquals("sk-env", provider.apiKey());
        assertFalse(provider.usesOAuth());
        assertTrue(config.sourceFile().isEmpty());
    }

    @Test
    void zeroConfigPrefersKimiAndStillOffersTheOpenAiModel() throws Exception {
        AgentConfig config = ConfigLoader.load(dir, null, null, Map.of(
                "OPENAI_BASE_URL", "http://o/v1", "OPENAI_API_KEY", "sk-o", "OPENAI_MODEL", "gpt-4.1",
                "KIMI_BASE_URL", "http://k/v1", "KIMI_API_KEY", "sk-k", "KIMI_MODEL_NAME", "kimi-k2"));

        assertEquals("kimi-k2", config.defaultModel().orElseThrow().model());
        ModelEntry openai = config.model("gpt-4.1").orElseThrow();
        assertEquals("openai_legacy", config.provider(openai.provider()).orElseThrow().type());
    }

    @Test
    void noConfigAndNoVariablesMeansNoModel() throws Exception {
        AgentConfig config = ConfigLoader.load(dir, null, null, Map.of("KIMI_BASE_URL", "http://k/v1"));

        assertTrue(config.defaultModel().isEmpty());
        assertTrue(config.models().isEmpty());
        assertEquals(LoopControl.DEFAULT, config.loopControl());
    }

    @Test
    void unknownProviderTypesStillLoad() throws Exception {
        AgentConfig config = ConfigLoader.load(dir, null,
                "{\"providers\":{\"a\":{\"type\":\"anthropic\",\"base_url\":\"x\",\"api_key\":\"y\"}}}", Map.of());

        assertTrue(config.provider("a").orElseThrow().knownType().isEmpty());
    }

    @Test
    void providerToStringNeverShowsTheApiKey() throws Exception {
        AgentConfig config = ConfigLoader.load(dir, null,
                "{\"providers\":{\"a\":{\"type\":\"kimi\",\"api_key\":\"sk-secret\",\"custom_headers\":{\"X-K\":\"hdr-secret\"}}}}",
                Map.of());

        String text = config.provider("a").orElseThrow().toString();
        assertFalse(text.contains("sk-secret"), text);
        assertFalse(text.contains("hdr-secret"), text);
    }

    @Test
    void errorsNameTheFileAndTheKey() throws IOException {
        Path file = dir.resolve("config.toml");
        Files.writeString(file, "[providers.k]\nbase_url = \"x\"\n");

        ConfigException missingType = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, null, null, Map.of()));
        assertEquals("config file " + file + ": providers.k.type is required", missingType.getMessage());

        Files.writeString(file, "[models.m]\nprovider = \"k\"\nmodel = \"x\"\nmax_context_size = \"big\"\n");
        ConfigException badNumber = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, null, null, Map.of()));
        assertEquals("config file " + file + ": models.m.max_context_size must be a whole number, not a string",
                badNumber.getMessage());

        Files.writeString(file, "default_model = \"nope\"\n");
        ConfigException badDefault = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, null, null, Map.of()));
        assertTrue(badDefault.getMessage().contains("default_model names 'nope', which is not defined under [models]"),
                badDefault.getMessage());

        Files.writeString(file, "[models.m]\nprovider = \"ghost\"\nmodel = \"x\"\n");
        ConfigException badProvider = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, null, null, Map.of()));
        assertTrue(badProvider.getMessage().contains("models.m.provider names 'ghost'"), badProvider.getMessage());

        Files.writeString(file, "[loop_control]\nmax_steps_per_turn = 0\n");
        ConfigException zeroSteps = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, null, null, Map.of()));
        assertTrue(zeroSteps.getMessage().endsWith("loop_control.max_steps_per_turn must be at least 1, not 0"),
                zeroSteps.getMessage());
    }

    @Test
    void syntaxErrorsGiveTheFormatAndTheLine() throws IOException {
        Path file = dir.resolve("config.toml");
        Files.writeString(file, "default_model = \"a\"\n[providers\n");

        ConfigException toml = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, null, null, Map.of()));
        assertTrue(toml.getMessage().startsWith("config file " + file + ": invalid TOML at line 2"), toml.getMessage());

        ConfigException json = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, null, "{\"a\": }", Map.of()));
        assertTrue(json.getMessage().startsWith("--config: invalid JSON at line 1"), json.getMessage());
    }

    @Test
    void rejectsBadOptionCombinationsAndMissingFiles() {
        ConfigException both = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(dir, dir.resolve("a.toml"), "{}", Map.of()));
        assertEquals("--config and --config-file cannot be used together", both.getMessage());

        ConfigException missing = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(dir, dir.resolve("absent.toml"), null, Map.of()));
        assertEquals("config file " + dir.resolve("absent.toml") + " does not exist", missing.getMessage());

        ConfigException empty = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, null, "  ", Map.of()));
        assertEquals("--config: the configuration text is empty", empty.getMessage());

        ConfigException badEnv = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, null,
                "{\"default_model\":\"m\",\"models\":{\"m\":{\"provider\":\"k\",\"model\":\"x\"}},\"providers\":{\"k\":{\"type\":\"kimi\"}}}",
                Map.of("KIMI_MODEL_MAX_CONTEXT_SIZE", "lots")));
        assertEquals("environment variable KIMI_MODEL_MAX_CONTEXT_SIZE must be a positive whole number, not 'lots'",
                badEnv.getMessage());
    }
}
