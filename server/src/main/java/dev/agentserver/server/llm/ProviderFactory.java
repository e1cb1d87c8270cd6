package dev.agentserver.server.llm;

import dev.agentserver.auth.CredentialedCaller;
import dev.agentserver.server.config.ConfigException;
import dev.agentserver.server.config.ModelEntry;
import dev.agentserver.server.config.ProviderEntry;
import dev.agentserver.server.config.ProviderType;
import dev.agentserver.server.llm.scripted.ScriptedEchoProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** Makes the {@link ChatProvider} for the selected model and its provider entry. */
public final class ProviderFactory {

    static final String SCRIPTS_VARIABLE = "KIMI_SCRIPTED_ECHO_SCRIPTS";

    private ProviderFactory() {
    }

    /**
     * @throws ConfigException when the provider cannot run: a type this server does not know, a missing
     *                         {@code base_url}, a script file that is not named, a bad generation setting
     */
    public static ChatProvider create(ModelEntry model, ProviderEntry provider, ProviderContext context)
            throws ConfigException {
        ProviderType type = provider.knownType().orElseThrow(() -> new ConfigException("provider '" + provider.name()
                + "' has type '" + provider.type() + "', which this server cannot run (it runs kimi, openai_legacy "
                + "and _scripted_echo)"));
        return switch (type) {
            case SCRIPTED_ECHO -> new ScriptedEchoProvider(model.model(), scriptsFile(provider, context));
            case KIMI -> openAiCompatible(model, provider, context, kimiDialect(context.environment()));
            case OPENAI_LEGACY -> openAiCompatible(model, provider, context, RequestDialect.openAi());
        };
    }

    private static ChatProvider openAiCompatible(ModelEntry model, ProviderEntry provider, ProviderContext context,
            RequestDialect dialect) throws ConfigException {
        if (provider.baseUrl().isBlank()) {
            throw new ConfigException("provider '" + provider.name() + "' has no base_url");
        }
        URI baseUrl;
        try {
            baseUrl = new URI(provider.baseUrl().strip());
        } catch (URISyntaxException e) {
            throw new ConfigException("provider '" + provider.name() + "' has a base_url that is not a URL: "
                    + e.getMessage(), e);
        }
        if (!"http".equalsIgnoreCase(baseUrl.getScheme()) && !"https".equalsIgnoreCase(baseUrl.getScheme())) {
            throw new ConfigException("provider '" + provider.name() + "' has a base_url that is not http(s): "
                    + provider.baseUrl());
        }
        String apiKey = provider.apiKey().isEmpty() ? null : provider.apiKey();
        CredentialedCaller caller = context.callers().apply(provider.oauthKey(), apiKey);
        return new OpenAiChatProvider(model.model(), baseUrl, dialect, provider.customHeaders(), caller,
                context.httpClientFor(baseUrl), context.userAgent(), context.timeouts());
    }

    /** The script file from the provider's {@code env} table, else from the process environment. */
    private static Path scriptsFile(ProviderEntry provider, ProviderContext context) throws ConfigException {
        String file = provider.env().getOrDefault(SCRIPTS_VARIABLE, context.environment().get(SCRIPTS_VARIABLE));
        if (file == null || file.isBlank()) {
            throw new ConfigException("provider '" + provider.name() + "' (_scripted_echo) needs " + SCRIPTS_VARIABLE
                    + " in its env table or in the environment");
        }
        return Path.of(file);
    }

    /** Kimi Code CLI's generation settings for the Kimi API, from the environment. */
    private static RequestDialect kimiDialect(Map<String, String> env) throws ConfigException {
        Integer maxTokens = number(env, "KIMI_MODEL_MAX_TOKENS", Integer::valueOf);
        Double temperature = number(env, "KIMI_MODEL_TEMPERATURE", Double::valueOf);
        Double topP = number(env, "KIMI_MODEL_TOP_P", Double::valueOf);
        return new RequestDialect(true, maxTokens == null ? RequestDialect.KIMI_DEFAULT_MAX_TOKENS : maxTokens,
                temperature, topP);
    }

    private static <T> T number(Map<String, String> env, String variable, Function<String, T> parse)
            throws ConfigException {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parse.apply(value.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException("environment variable " + variable + " must be a number, not '" + value + "'");
        }
    }
}
