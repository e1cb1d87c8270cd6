package dev.agentserver.server.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.auth.CredentialedCaller;
import dev.agentserver.server.config.ConfigException;
import dev.agentserver.server.config.ModelEntry;
import dev.agentserver.server.config.ProviderEntry;
import dev.agentserver.server.llm.scripted.ScriptedEchoProvider;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderFactoryTest {

    private final List<String> callerRequests = new ArrayList<>();

    private ProviderContext context(Map<String, String> env) {
        return new ProviderContext((oauthKey, apiKey) -> {
            callerRequests.add(oauthKey + "|" + apiKey);
            return new TestCallers.Fixed(apiKey);
        }, env, HttpClient.newHttpClient(), () -> "agent-server/test");
    }

    private static ModelEntry model(String provider) {
        return new ModelEntry("m", provider, "kimi-for-coding", 262_144, Set.of());
    }

    private static ProviderEntry provider(String type, String baseUrl, String apiKey, String oauthKey, Map<String, String> env) {
        return new ProviderEntry("p", type, baseUrl, apiKey, oauthKey, Map.of(), env);
    }

    @Test
    void kimiAndOpenAiProvidersGetACallerForTheirCredentials() throws Exception {
        ChatProvider kimi = ProviderFactory.create(model("p"),
                provider("kimi", "https://api.kimi.com/coding/v1", "", "oauth/kimi-code", Map.of()), context(Map.of()));
        ChatProvider openai = ProviderFactory.create(model("p"),
                provider("openai_legacy", "http://127.0.0.1:1/v1", "sk-1", null, Map.of()), context(Map.of()));

        assertInstanceOf(OpenAiChatProvider.class, kimi);
        assertInstanceOf(OpenAiChatProvider.class, openai);
        assertEquals("kimi-for-coding", kimi.modelName());
        assertEquals(List.of("oauth/kimi-code|null", "null|sk-1"), callerRequests);
    }

    @Test
    void theScriptedEchoProviderFindsItsScriptsInTheProviderEnvThenTheProcessEnv() throws Exception {
        ChatProvider fromProvider = ProviderFactory.create(model("p"),
                provider("_scripted_echo", "", "", null, Map.of("KIMI_SCRIPTED_ECHO_SCRIPTS", "/tmp/a.json")),
                context(Map.of()));
        ChatProvider fromProcess = ProviderFactory.create(model("p"), provider("_scripted_echo", "", "", null, Map.of()),
                context(Map.of("KIMI_SCRIPTED_ECHO_SCRIPTS", "/tmp/b.json")));

        assertInstanceOf(ScriptedEchoProvider.class, fromProvider);
        assertInstanceOf(ScriptedEchoProvider.class, fromProcess);
        assertTrue(callerRequests.isEmpty(), "the scripted provider needs no credentials");

        ConfigException missing = assertThrows(ConfigException.class, () -> ProviderFactory.create(model("p"),
                provider("_scripted_echo", "", "", null, Map.of()), context(Map.of())));
        assertTrue(missing.getMessage().contains("KIMI_SCRIPTED_ECHO_SCRIPTS"), missing.getMessage());
    }

    @Test
    void unusableProvidersAreConfigErrors() {
        ConfigException unknown = assertThrows(ConfigException.class, () -> ProviderFactory.create(model("p"),
                provider("anthropic", "https://x", "k", null, Map.of()), context(Map.of())));
        assertTrue(unknown.getMessage().contains("type 'anthropic'"), unknown.getMessage());

        ConfigException noUrl = assertThrows(ConfigException.class, () -> ProviderFactory.create(model("p"),
                provider("kimi", " ", "k", null, Map.of()), context(Map.of())));
        assertEquals("provider 'p' has no base_url", noUrl.getMessage());

        ConfigException notHttp = assertThrows(ConfigException.class, () -> ProviderFactory.create(model("p"),
                provider("kimi", "ftp://x", "k", null, Map.of()), context(Map.of())));
        assertTrue(notHttp.getMessage().contains("not http(s)"), notHttp.getMessage());

        ConfigException badSetting = assertThrows(ConfigException.class, () -> ProviderFactory.create(model("p"),
                provider("kimi", "https://x", "k", null, Map.of()), context(Map.of("KIMI_MODEL_MAX_TOKENS", "many"))));
        assertTrue(badSetting.getMessage().contains("KIMI_MODEL_MAX_TOKENS"), badSetting.getMessage());
        assertTrue(callerRequests.isEmpty());
    }

    @Test
    void theContextDefaultsItsTimeouts() {
        ProviderContext context = new ProviderContext((o, k) -> (CredentialedCaller) null, Map.of(),
                ProviderContext.defaultHttpClient(), () -> "ua");

        assertEquals(StreamTimeouts.DEFAULT, context.timeouts());
        assertEquals(HttpClient.Redirect.NEVER, context.httpClient().followRedirects());
    }
}
