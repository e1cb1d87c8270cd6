package dev.agentserver.server.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parsed tables while the loader still adjusts them (environment overrides, zero-config). */
final class ConfigTables {

    String defaultModelName = "";
    final Map<String, ModelEntry> models = new LinkedHashMap<>();
    final Map<String, ProviderEntry> providers = new LinkedHashMap<>();
    LoopControl loopControl = LoopControl.DEFAULT;
    final List<String> appliedEnvironment = new ArrayList<>();

    boolean providerHasType(String providerName, ProviderType type) {
        ProviderEntry provider = providers.get(providerName);
        return provider != null && provider.knownType().orElse(null) == type;
    }

    void noteEnvironment(String variable) {
        if (!appliedEnvironment.contains(variable)) {
            appliedEnvironment.add(variable);
        }
    }
}
