package dev.agentserver.server.acp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/** Terse JSON for tests: {@code obj("cwd", path, "mcpServers", arr())}. */
final class Json {

    private Json() {
    }

    static JsonObject obj(Object... keysAndValues) {
        JsonObject object = new JsonObject();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.add((String) keysAndValues[i], value(keysAndValues[i + 1]));
        }
        return object;
    }

    static JsonArray arr(Object... values) {
        JsonArray array = new JsonArray();
        for (Object value : values) {
            array.add(value(value));
        }
        return array;
    }

    static JsonElement parse(String json) {
        return JsonParser.parseString(json);
    }

    private static JsonElement value(Object value) {
        return switch (value) {
            case JsonElement element -> element;
            case String text -> new JsonPrimitive(text);
            case Number number -> new JsonPrimitive(number);
            case Boolean bool -> new JsonPrimitive(bool);
            default -> throw new IllegalArgumentException("not a JSON value: " + value);
        };
    }

    /** The echo DSL line that makes the model call {@code tool} with {@code arguments}. */
    static String toolCall(String id, String tool, JsonObject arguments) {
        return "tool_call: " + obj("id", id, "name", tool, "arguments", arguments.toString());
    }
}
