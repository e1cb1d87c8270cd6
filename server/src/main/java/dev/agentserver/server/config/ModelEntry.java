package dev.agentserver.server.config;

import java.util.Set;

/**
 * One {@code [models.NAME]} table: the name the user selects it by, the provider it runs on, the model id
 * sent to the service, the context window in tokens, and the declared capabilities (empty when none).
 */
public record ModelEntry(String name, String provider, String model, int maxContextSize, Set<String> capabilities) {

    public ModelEntry {
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
    }

    ModelEntry withModel(String newModel) {
        return new ModelEntry(name, provider, newModel, maxContextSize, capabilities);
    }

    ModelEntry withMaxContextSize(int newSize) {
        return new ModelEntry(name, provider, model, newSize, capabilities);
    }

    ModelEntry withCapabilities(Set<String> newCapabilities) {
        return new ModelEntry(name, provider, model, maxContextSize, newCapabilities);
    }
}
