package dev.agentserver.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the known keys of a config document into {@link ConfigTables}. Keys it does not know are left
 * alone (they stay in the raw document), so a config written for a newer Kimi Code CLI still loads.
 */
final class ConfigParser {

    /** The context window assumed when a model does not declare one (the reference's zero-config value). */
    static final int DEFAULT_MAX_CONTEXT_SIZE = 100_000;

    private final String source;

    /** @param source how error messages name the document, e.g. {@code config file /home/u/.kimi/config.toml} */
    ConfigParser(String source) {
        this.source = source;
    }

    ConfigTables parse(ObjectNode root) throws ConfigException {
        ConfigTables tables = new ConfigTables();
        tables.defaultModelName = optionalString(root, "default_model", "default_model", "");
        for (Map.Entry<String, JsonNode> e : tableOfTables(root, "providers").entrySet()) {
            tables.providers.put(e.getKey(), provider(e.getKey(), (ObjectNode) e.getValue()));
        }
        for (Map.Entry<String, JsonNode> e : tableOfTables(root, "models").entrySet()) {
            tables.models.put(e.getKey(), model(e.getKey(), (ObjectNode) e.getValue()));
        }
        JsonNode loop = root.get("loop_control");
        if (loop != null) {
            tables.loopControl = loopControl(requireTable(loop, "loop_control"));
        }
        return tables;
    }

    private ProviderEntry provider(String name, ObjectNode table) throws ConfigException {
        String path = "providers." + name;
        String type = requiredString(table, "type", path + ".type");
        String baseUrl = optionalString(table, "base_url", path + ".base_url", "");
        String apiKey = optionalString(table, "api_key", path + ".api_key", "");
        String oauthKey = null;
        JsonNode oauth = table.get("oauth");
        if (oauth != null && !oauth.isNull()) {
            oauthKey = requiredString(requireTable(oauth, path + ".oauth"), "key", path + ".oauth.key");
        }
        Map<String, String> headers = stringTable(table, "custom_headers", path + ".custom_headers");
        Map<String, String> env = stringTable(table, "env", path + ".env");
        return new ProviderEntry(name, type, baseUrl, apiKey, oauthKey, headers, env);
    }

    private ModelEntry model(String name, ObjectNode table) throws ConfigException {
        String path = "models." + name;
        String provider = requiredString(table, "provider", path + ".provider");
        String model = requiredString(table, "model", path + ".model");
        int maxContext = optionalPositiveInt(table, "max_context_size", path + ".max_context_size",
                DEFAULT_MAX_CONTEXT_SIZE);
        Set<String> capabilities = stringSet(table, "capabilities", path + ".capabilities");
        return new ModelEntry(name, provider, model, maxContext, capabilities);
    }

    private LoopControl loopControl(ObjectNode table) throws ConfigException {
        // max_steps_per_run is the older spelling Kimi Code CLI still accepts.
        String stepsKey = table.has("max_steps_per_turn") ? "max_steps_per_turn" : "max_steps_per_run";
        int steps = optionalPositiveInt(table, stepsKey, "loop_control." + stepsKey,
                LoopControl.DEFAULT.maxStepsPerTurn());
        int retries = optionalPositiveInt(table, "max_retries_per_step", "loop_control.max_retries_per_step",
                LoopControl.DEFAULT.maxRetriesPerStep());
        return new LoopControl(steps, retries);
    }

    private Map<String, JsonNode> tableOfTables(ObjectNode root, String key) throws ConfigException {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return result;
        }
        for (Map.Entry<String, JsonNode> e : requireTable(node, key).properties()) {
            requireTable(e.getValue(), key + "." + e.getKey());
            result.put(e.getKey(), e.getValue());
        }
        return result;
    }

    private ObjectNode requireTable(JsonNode node, String path) throws ConfigException {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw error(path, "must be a table, not " + describe(node));
    }

    private String requiredString(ObjectNode table, String key, String path) throws ConfigException {
        String value = optionalString(table, key, path, null);
        if (value == null) {
            throw error(path, "is required");
        }
        return value;
    }

    private String optionalString(ObjectNode table, String key, String path, String fallback)
            throws ConfigException {
        JsonNode node = table.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw error(path, "must be a string, not " + describe(node));
        }
        return node.textValue();
    }

    private int optionalPositiveInt(ObjectNode table, String key, String path, int fallback)
            throws ConfigException {
        JsonNode node = table.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw error(path, "must be a whole number, not " + describe(node));
        }
        if (node.intValue() < 1) {
            throw error(path, "must be at least 1, not " + node.intValue());
        }
        return node.intValue();
    }

    /** A table of string values; numbers and booleans are taken as their text (TOML users write {@code X = 1}). */
    private Map<String, String> stringTable(ObjectNode table, String key, String path) throws ConfigException {
        Map<String, String> result = new LinkedHashMap<>();
        JsonNode node = table.get(key);
        if (node == null || node.isNull()) {
            return result;
        }
        for (Map.Entry<String, JsonNode> e : requireTable(node, path).properties()) {
            JsonNode value = e.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw error(path + "." + e.getKey(), "must be a string, not " + describe(value));
            }
            result.put(e.getKey(), value.asText());
        }
        return result;
    }

    private Set<String> stringSet(ObjectNode table, String key, String path) throws ConfigException {
        Set<String> result = new LinkedHashSet<>();
        JsonNode node = table.get(key);
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isArray()) {
            throw error(path, "must be a list of strings, not " + describe(node));
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw error(path, "must be a list of strings, but holds " + describe(item));
            }
            result.add(item.textValue());
        }
        return result;
    }

    ConfigException error(String path, String problem) {
        return new ConfigException(source + ": " + path + " " + problem);
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "a table";
            case ARRAY -> "a list";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
