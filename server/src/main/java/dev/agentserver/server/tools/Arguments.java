package dev.agentserver.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Checked access to the JSON object a model sent as a tool's arguments. Every problem becomes a
 * {@link ToolArgumentException} that names the argument, so the model can fix its call. A JSON null
 * counts as absent, because models often send null for optional arguments they do not use.
 */
final class Arguments {

    private final JsonNode object;
    private final String prefix;

    private Arguments(JsonNode object, String prefix) {
        this.object = object;
        this.prefix = prefix;
    }

    static Arguments of(JsonNode arguments) throws ToolArgumentException {
        return nested(arguments, "");
    }

    /** Arguments of a nested object; {@code prefix} (e.g. {@code "edit[1]."}) qualifies names in messages. */
    static Arguments nested(JsonNode node, String prefix) throws ToolArgumentException {
        if (node == null || !node.isObject()) {
            String what = prefix.isEmpty() ? "The arguments" : "`" + prefix.substring(0, prefix.length() - 1) + "`";
            throw new ToolArgumentException(what + " must be a JSON object.");
        }
        return new Arguments(node, prefix);
    }

    /** The raw value of a required argument. */
    JsonNode required(String name) throws ToolArgumentException {
        JsonNode value = present(name);
        if (value == null) {
            throw new ToolArgumentException("Missing required argument `" + prefix + name + "`.");
        }
        return value;
    }

    /** A required string, possibly empty. */
    String string(String name) throws ToolArgumentException {
        return text(name, required(name));
    }

    String nonEmptyString(String name) throws ToolArgumentException {
        String value = string(name);
        if (value.isEmpty()) {
            throw new ToolArgumentException("`" + prefix + name + "` must not be empty.");
        }
        return value;
    }

    Optional<String> optionalString(String name) throws ToolArgumentException {
        JsonNode value = present(name);
        return value == null ? Optional.empty() : Optional.of(text(name, value));
    }

    /** An optional integer in {@code [min, max]}; integral numbers and numeric strings are accepted. */
    int integer(String name, int fallback, int min, int max) throws ToolArgumentException {
        JsonNode value = present(name);
        if (value == null) {
            return fallback;
        }
        long number;
        if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToLong()) {
            number = value.asLong();
        } else if (value.isTextual() && value.asText().strip().matches("-?\\d{1,18}")) {
            number = Long.parseLong(value.asText().strip());
        } else {
            throw new ToolArgumentException("`" + prefix + name + "` must be an integer.");
        }
        if (number < min || number > max) {
            String range = max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
            throw new ToolArgumentException("`" + prefix + name + "` must be " + range + ", not " + number + ".");
        }
        return (int) number;
    }

    boolean bool(String name, boolean fallback) throws ToolArgumentException {
        JsonNode value = present(name);
        if (value == null) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
            return Boolean.parseBoolean(value.asText());
        }
        throw new ToolArgumentException("`" + prefix + name + "` must be true or false.");
    }

    private JsonNode present(String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private String text(String name, JsonNode value) throws ToolArgumentException {
        if (!value.isTextual()) {
            throw new ToolArgumentException("`" + prefix + name + "` must be a string.");
        }
        return value.asText();
    }
}
