package dev.agentserver.server.config;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies the environment on top of the parsed tables, as Kimi Code CLI does: {@code KIMI_*} variables
 * override every {@code kimi} provider and the models that run on it, {@code OPENAI_*} every
 * {@code openai_legacy} one; and when no default model is configured, base URL + API key variables are
 * enough to build a provider and model from (the zero-config path). Empty variables count as unset.
 */
final class EnvironmentOverrides {

    /** One family of variables and the provider type it overrides. */
    private record Family(
            ProviderType type,
            String baseUrlVariable,
            String apiKeyVariable,
            String modelVariable,
            String fallbackModelId,
            String zeroConfigProviderName) {
    }

    private static final Family KIMI = new Family(ProviderType.KIMI,
            "KIMI_BASE_URL", "KIMI_API_KEY", "KIMI_MODEL_NAME", "kimi-for-coding", "env:kimi");
    private static final Family OPENAI = new Family(ProviderType.OPENAI_LEGACY,
            "OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL", "gpt-4o", "env:openai");

    private static final Set<String> KNOWN_CAPABILITIES = Set.of("image_in", "video_in", "thinking", "always_thinking");

    private final Map<String, String> env;
    private final ConfigTables tables;

    private EnvironmentOverrides(Map<String, String> env, ConfigTables tables) {
        this.env = env;
        this.tables = tables;
    }

    static void apply(ConfigTables tables, Map<String, String> env) throws ConfigException {
        EnvironmentOverrides overrides = new EnvironmentOverrides(env, tables);
        if (tables.defaultModelName.isEmpty()) {
            overrides.buildFromEnvironment(KIMI);
            overrides.buildFromEnvironment(OPENAI);
        }
        overrides.override(KIMI);
        overrides.override(OPENAI);
        overrides.overrideKimiModelLimits();
    }

    /** Zero-config: a provider and a model made from the variables alone, which becomes the default. */
    private void buildFromEnvironment(Family family) {
        String baseUrl = get(family.baseUrlVariable);
        String apiKey = get(family.apiKeyVariable);
        if (baseUrl == null || apiKey == null) {
            return;
        }
        String modelId = get(family.modelVariable) == null ? family.fallbackModelId : get(family.modelVariable);
        if (tables.providers.containsKey(family.zeroConfigProviderName) || tables.models.containsKey(modelId)) {
            return; // the config already defines these names; it wins over the environment
        }
        tables.providers.put(family.zeroConfigProviderName, new ProviderEntry(family.zeroConfigProviderName,
                family.type.configName(), baseUrl, apiKey, null, Map.of(), Map.of()));
        tables.models.put(modelId, new ModelEntry(modelId, family.zeroConfigProviderName, modelId,
                ConfigParser.DEFAULT_MAX_CONTEXT_SIZE, Set.of()));
        if (tables.defaultModelName.isEmpty()) {
            tables.defaultModelName = modelId;
        }
    }

    private void override(Family family) {
        String baseUrl = get(family.baseUrlVariable);
        String apiKey = get(family.apiKeyVariable);
        String modelId = get(family.modelVariable);
        tables.providers.replaceAll((name, provider) -> {
            if (provider.knownType().orElse(null) != family.type) {
                return provider;
            }
            ProviderEntry result = provider;
            if (baseUrl != null) {
                result = result.withBaseUrl(baseUrl);
                tables.noteEnvironment(family.baseUrlVariable);
            }
            if (apiKey != null) {
                result = result.withApiKey(apiKey);
                tables.noteEnvironment(family.apiKeyVariable);
            }
            return result;
        });
        if (modelId != null) {
            tables.models.replaceAll((name, model) -> {
                if (!tables.providerHasType(model.provider(), family.type)) {
                    return model;
                }
                tables.noteEnvironment(family.modelVariable);
                return model.withModel(modelId);
            });
        }
    }

    private void overrideKimiModelLimits() throws ConfigException {
        String size = get("KIMI_MODEL_MAX_CONTEXT_SIZE");
        String capabilities = get("KIMI_MODEL_CAPABILITIES");
        Integer maxContext = size == null ? null : positiveInt("KIMI_MODEL_MAX_CONTEXT_SIZE", size);
        Set<String> capabilitySet = capabilities == null ? null : capabilities(capabilities);
        tables.models.replaceAll((name, model) -> {
            if (!tables.providerHasType(model.provider(), ProviderType.KIMI)) {
                return model;
            }
            ModelEntry result = model;
            if (maxContext != null) {
                result = result.withMaxContextSize(maxContext);
                tables.noteEnvironment("KIMI_MODEL_MAX_CONTEXT_SIZE");
            }
            if (capabilitySet != null) {
                result = result.withCapabilities(capabilitySet);
                tables.noteEnvironment("KIMI_MODEL_CAPABILITIES");
            }
            return result;
        });
    }

    private static int positiveInt(String variable, String value) throws ConfigException {
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below together with the out-of-range case
        }
        throw new ConfigException("environment variable " + variable + " must be a positive whole number, not '"
                + value + "'");
    }

    /** Comma-separated, case-insensitive; unknown names are dropped as the reference drops them. */
    private static Set<String> capabilities(String value) {
        Set<String> result = new LinkedHashSet<>();
        for (String item : value.split(",")) {
            String capability = item.strip().toLowerCase(Locale.ROOT);
            if (KNOWN_CAPABILITIES.contains(capability)) {
                result.add(capability);
            }
        }
        return result;
    }

    private String get(String variable) {
        String value = env.get(variable);
        return value == null || value.isEmpty() ? null : value;
    }
}
