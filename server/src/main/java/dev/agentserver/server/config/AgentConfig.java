package dev.agentserver.server.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration in effect: the file (or inline text) as parsed, with the environment overrides and the
 * zero-config provider applied. Immutable. {@link #raw()} keeps every key of the source, known or not.
 */
public final class AgentConfig {

    private final String defaultModelName;
    private final Map<String, ModelEntry> models;
    private final Map<String, ProviderEntry> providers;
    private final LoopControl loopControl;
    private final ObjectNode raw;
    private final Path sourceFile;
    private final List<String> appliedEnvironment;

    AgentConfig(
            String defaultModelName,
            Map<String, ModelEntry> models,
            Map<String, ProviderEntry> providers,
            LoopControl loopControl,
            ObjectNode raw,
            Path sourceFile,
            List<String> appliedEnvironment) {
        this.defaultModelName = defaultModelName;
        this.models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        this.providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        this.loopControl = loopControl;
        this.raw = raw.deepCopy();
        this.sourceFile = sourceFile;
        this.appliedEnvironment = List.copyOf(appliedEnvironment);
    }

    /** The model named by {@code default_model} (or built from the environment), if there is one. */
    public Optional<ModelEntry> defaultModel() {
        return model(defaultModelName);
    }

    /** The value of {@code default_model}; empty when none is set. */
    public String defaultModelName() {
        return defaultModelName;
    }

    public Optional<ModelEntry> model(String name) {
        return Optional.ofNullable(name == null ? null : models.get(name));
    }

    public Optional<ProviderEntry> provider(String name) {
        return Optional.ofNullable(name == null ? null : providers.get(name));
    }

    /** Every model, in the order the source listed them. */
    public Map<String, ModelEntry> models() {
        return models;
    }

    /** Every provider, in the order the source listed them. */
    public Map<String, ProviderEntry> providers() {
        return providers;
    }

    public LoopControl loopControl() {
        return loopControl;
    }

    /** A copy of the whole source document, unknown keys included (before environment overrides). */
    public ObjectNode raw() {
        return raw.deepCopy();
    }

    /** The file the configuration came from; empty for inline {@code --config} text or no file at all. */
    public Optional<Path> sourceFile() {
        return Optional.ofNullable(sourceFile);
    }

    /** Names of the environment variables that changed something (for {@code info}; never their values). */
    public List<String> appliedEnvironment() {
        return appliedEnvironment;
    }
}
