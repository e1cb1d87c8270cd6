package dev.agentserver.server.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the {@link AgentConfig} at start-up from, in this order: the document ({@code --config} text,
 * else {@code --config-file}, else {@code $KIMI_SHARE_DIR/config.toml} when it exists, else nothing), then
 * the environment overrides and the zero-config path. Selecting a model by {@code --model} is the
 * caller's job ({@link AgentConfig#model(String)}).
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * @param shareDir        the data directory; its {@code config.toml} is read when neither option is given
     * @param configFileOrNull {@code --config-file}: TOML, or JSON by its {@code .json} name or its content
     * @param configJsonOrNull {@code --config}: inline JSON (TOML text is accepted too)
     * @param env             the process environment
     */
    public static AgentConfig load(Path shareDir, Path configFileOrNull, String configJsonOrNull, Map<String, String> env)
            throws ConfigException {
        if (configFileOrNull != null && configJsonOrNull != null) {
            throw new ConfigException("--config and --config-file cannot be used together");
        }
        ObjectNode document;
        Path sourceFile = null;
        String sourceLabel;
        if (configJsonOrNull != null) {
            document = ConfigDocuments.readInline(configJsonOrNull);
            sourceLabel = "--config";
        } else {
            Path file = configFileOrNull != null ? configFileOrNull : shareDir.resolve("config.toml");
            if (configFileOrNull != null || Files.exists(file)) {
                document = ConfigDocuments.readFile(file);
                sourceFile = file;
            } else {
                document = ConfigDocuments.empty();
            }
            sourceLabel = "config file " + file;
        }

        ConfigParser parser = new ConfigParser(sourceLabel);
        ConfigTables tables = parser.parse(document);
        EnvironmentOverrides.apply(tables, env);
        checkReferences(tables, parser);
        return new AgentConfig(tables.defaultModelName, tables.models, tables.providers, tables.loopControl,
                document, sourceFile, tables.appliedEnvironment);
    }

    private static void checkReferences(ConfigTables tables, ConfigParser parser) throws ConfigException {
        if (!tables.defaultModelName.isEmpty() && !tables.models.containsKey(tables.defaultModelName)) {
            throw parser.error("default_model", "names '" + tables.defaultModelName
                    + "', which is not defined under [models] (defined: " + tables.models.keySet() + ")");
        }
        for (ModelEntry model : tables.models.values()) {
            if (!tables.providers.containsKey(model.provider())) {
                throw parser.error("models." + model.name() + ".provider", "names '" + model.provider()
                        + "', which is not defined under [providers] (defined: " + tables.providers.keySet() + ")");
            }
        }
    }
}
