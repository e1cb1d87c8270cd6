package dev.agentserver.server.cli;

import dev.agentserver.auth.OAuthManager;
import dev.agentserver.server.config.AgentConfig;
import dev.agentserver.server.config.ConfigException;
import dev.agentserver.server.config.ModelEntry;
import dev.agentserver.server.config.ProviderEntry;
import dev.agentserver.server.llm.ChatProvider;
import dev.agentserver.server.llm.ProviderContext;
import dev.agentserver.server.llm.ProviderFactory;
import dev.agentserver.server.runtime.ModelCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The configuration's models, each provider made once on first use and shared by every session that
 * picks it (providers hold no per-session state). OAuth providers start the one background refresher.
 */
final class ConfiguredModels implements ModelCatalog {

    private final AgentConfig config;
    private final ProviderContext context;
    /** Made on first use (Startup.oauth): an api-key provider never needs it. */
    private final Supplier<OAuthManager> oauth;
    private final Map<String, ChatProvider> made = new ConcurrentHashMap<>();

    ConfiguredModels(AgentConfig config, ProviderContext context, Supplier<OAuthManager> oauth) {
        this.config = config;
        this.context = context;
        this.oauth = oauth;
    }

    @Override
    public List<String> names() {
        return List.copyOf(config.models().keySet());
    }

    @Override
    public Optional<Choice> open(String name) {
        Optional<ModelEntry> model = config.model(name);
        if (model.isEmpty()) {
            return Optional.empty();
        }
        try {
            ModelEntry entry = model.get();
            return Optional.of(new Choice(name, provider(entry), contextWindow(entry)));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The model's context window in tokens, or null when the configuration does not say. */
    static Long contextWindow(ModelEntry model) {
        return model.maxContextSize() > 0 ? (long) model.maxContextSize() : null;
    }

    /** The provider of {@code model}, made on first use. */
    ChatProvider provider(ModelEntry model) throws ConfigException {
        ChatProvider existing = made.get(model.name());
        if (existing != null) {
            return existing;
        }
        ProviderEntry providerEntry = config.provider(model.provider())
                .orElseThrow(() -> new ConfigException("model '" + model.name() + "' names provider '"
                        + model.provider() + "', which is not configured"));
        ChatProvider provider = ProviderFactory.create(model, providerEntry, context);
        if (providerEntry.usesOAuth()) {
            oauth.get().startBackgroundRefresher(providerEntry.oauthKey());
        }
        ChatProvider raced = made.putIfAbsent(model.name(), provider);
        return raced != null ? raced : provider;
    }
}
