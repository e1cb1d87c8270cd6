package dev.agentserver.server.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the JSON Schemas that describe tool arguments to the model. */
final class JsonSchema {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectNode root = JSON.objectNode();
    private final ObjectNode properties;
    private final ArrayNode required;

    private JsonSchema() {
        root.put("type", "object");
        properties = root.putObject("properties");
        required = root.putArray("required");
    }

    static JsonSchema object() {
        return new JsonSchema();
    }

    JsonSchema required(String name, ObjectNode schema) {
        properties.set(name, schema);
        required.add(name);
        return this;
    }

    JsonSchema optional(String name, ObjectNode schema) {
        properties.set(name, schema);
        return this;
    }

    ObjectNode build() {
        return root.deepCopy();
    }

    static ObjectNode string(String description) {
        return typed("string", description);
    }

    static ObjectNode integer(String description, int defaultValue, int minimum, Integer maximum) {
        ObjectNode schema = typed("integer", description).put("default", defaultValue).put("minimum", minimum);
        if (maximum != null) {
            schema.put("maximum", maximum);
        }
        return schema;
    }

    static ObjectNode bool(String description, boolean defaultValue) {
        return typed("boolean", description).put("default", defaultValue);
    }

    static ObjectNode choice(String description, String defaultValue, String... values) {
        ObjectNode schema = string(description).put("default", defaultValue);
        ArrayNode allowed = schema.putArray("enum");
        for (String value : values) {
            allowed.add(value);
        }
        return schema;
    }

    static ObjectNode arrayOf(String description, ObjectNode items) {
        ObjectNode schema = typed("array", description);
        schema.set("items", items);
        return schema.put("minItems", 1);
    }

    /** A value that may take either of two shapes. */
    static ObjectNode either(String description, ObjectNode first, ObjectNode second) {
        ObjectNode schema = JSON.objectNode().put("description", description);
        schema.putArray("anyOf").add(first).add(second);
        return schema;
    }

    private static ObjectNode typed(String type, String description) {
        return JSON.objectNode().put("type", type).put("description", description);
    }
}
