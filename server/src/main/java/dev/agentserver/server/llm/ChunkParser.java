package dev.agentserver.server.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentserver.server.json.SharedMapper;
import dev.agentserver.server.llm.CompletionChunk.Choice;
import dev.agentserver.server.llm.CompletionChunk.Delta;
import dev.agentserver.server.llm.CompletionChunk.ToolCallDelta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the data of a streamed chunk with Jackson's streaming parser, keeping only the fields
 * {@link CompletionChunk} has and skipping the rest unbuilt: a JSON tree of every chunk cost about as much
 * as the rest of the chat client together.
 *
 * <p>It reads what the tree reading it replaced read, and fails where it failed: a key given twice counts
 * with its last value; a value of another type than expected counts as absent; {@code choices} and
 * {@code tool_calls} may also be objects, whose values are then the elements (a tree iterates an object's
 * values); only the first JSON value is read, whatever follows it is ignored; skipped values are still
 * checked for syntax. The one difference: a skipped string is not held to Jackson's 20 M character limit.
 */
final class ChunkParser {

    private ChunkParser() {
    }

    /** The chunk in an event's data; data that is not JSON fails the stream, as it always did. */
    static CompletionChunk parse(String data) throws ProviderException {
        try (JsonParser parser = SharedMapper.MAPPER.createParser(data)) {
            JsonToken root = parser.nextToken();
            if (root == JsonToken.START_OBJECT) {
                return chunk(parser);
            }
            if (root != null) {
                parser.readValueAsTree(); // to fail as the tree did, e.g. on a string that never ends
            }
            return CompletionChunk.EMPTY;
        } catch (IOException e) {
            throw notJson(data, e);
        }
    }

    /** The whole event as a tree, for an {@code error} event, which is read as a whole. */
    static JsonNode parseTree(String data) throws ProviderException {
        try {
            return SharedMapper.MAPPER.readTree(data);
        } catch (IOException e) {
            throw notJson(data, e);
        }
    }

    private static ProviderException notJson(String data, IOException e) {
        return new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null,
                "the chat service sent an event that is not JSON: " + ErrorResponses.abbreviate(data), e);
    }

    private static CompletionChunk chunk(JsonParser parser) throws IOException {
        String id = null;
        JsonNode usage = null;
        JsonNode error = null;
        List<Choice> choices = List.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> id = text(parser, value);
                case "usage" -> usage = object(parser, value);
                case "error" -> error = object(parser, value);
                case "choices" -> choices = elements(parser, value, ChunkParser::choice);
                default -> parser.skipChildren();
            }
        }
        return new CompletionChunk(id, usage, error, choices);
    }

    private static Choice choice(JsonParser parser, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Choice.EMPTY;
        }
        boolean finished = false;
        JsonNode usage = null;
        Delta delta = Delta.EMPTY;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "finish_reason" -> finished = text(parser, value) != null;
                case "usage" -> usage = object(parser, value);
                case "delta" -> delta = delta(parser, value);
                default -> parser.skipChildren();
            }
        }
        return new Choice(finished, usage, delta);
    }

    private static Delta delta(JsonParser parser, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Delta.EMPTY;
        }
        String reasoning = null;
        String content = null;
        List<ToolCallDelta> toolCalls = List.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "reasoning_content" -> reasoning = text(parser, value);
                case "content" -> content = text(parser, value);
                case "tool_calls" -> toolCalls = elements(parser, value, ChunkParser::toolCall);
                default -> parser.skipChildren();
            }
        }
        return new Delta(reasoning, content, toolCalls);
    }

    private static ToolCallDelta toolCall(JsonParser parser, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return ToolCallDelta.EMPTY; // still a fragment: it continues the last call, or starts call 0
        }
        Integer index = null;
        String id = null;
        Function function = Function.NONE;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "index" -> index = index(parser, value);
                case "id" -> id = text(parser, value);
                case "function" -> function = function(parser, value);
                default -> parser.skipChildren();
            }
        }
        return new ToolCallDelta(index, id, function.name(), function.arguments());
    }

    private record Function(String name, String arguments) {

        static final Function NONE = new Function(null, null);
    }

    private static Function function(JsonParser parser, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Function.NONE;
        }
        String name = null;
        String arguments = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> name = text(parser, value);
                case "arguments" -> arguments = text(parser, value);
                default -> parser.skipChildren();
            }
        }
        return new Function(name, arguments);
    }

    private interface ElementParser<T> {
        T parse(JsonParser parser, JsonToken start) throws IOException;
    }

    /**
     * The elements of an array, or the values of an object, as a tree iterates them: a key given twice
     * counts once, where it first came, with its last value. None for anything else.
     */
    private static <T> List<T> elements(JsonParser parser, JsonToken start, ElementParser<T> element)
            throws IOException {
        if (start == JsonToken.START_ARRAY) {
            List<T> elements = new ArrayList<>(1);
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                elements.add(element.parse(parser, token));
            }
            return elements;
        }
        if (start == JsonToken.START_OBJECT) {
            Map<String, T> values = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                values.put(name, element.parse(parser, parser.nextToken()));
            }
            return List.copyOf(values.values());
        }
        return List.of();
    }

    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    private static JsonNode object(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.START_OBJECT) {
            return parser.readValueAsTree();
        }
        parser.skipChildren();
        return null;
    }

    /** An int, or a number within int range with its fraction cut off, as a tree's canConvertToInt/intValue. */
    private static Integer index(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return parser.getNumberType() == JsonParser.NumberType.INT ? parser.getIntValue() : null;
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            double number = parser.getDoubleValue();
            return number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE ? (int) number : null;
        }
        parser.skipChildren();
        return null;
    }
}
