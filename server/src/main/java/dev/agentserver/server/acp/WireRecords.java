package dev.agentserver.server.acp;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.agentserver.protocol.wire.WireContentPart;
import dev.agentserver.protocol.wire.WireGson;
import dev.agentserver.protocol.wire.WireUserInput;
import dev.agentserver.server.agent.UserInput;
import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.ToolReturn;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the payloads of a session's {@code wire.jsonl} back into the core's values, so that a replay
 * shows a recorded turn with the same mapping as a live one. Sessions are also written by other
 * implementations: anything missing reads as empty rather than failing the load.
 */
final class WireRecords {

    private static final Gson WIRE = WireGson.create();

    private WireRecords() {
    }

    /** {@code TurnBegin} / {@code SteerInput}: a plain string or content parts. */
    static UserInput userInput(JsonObject payload) {
        JsonElement input = payload.get("user_input");
        WireUserInput parsed = input == null ? null : WIRE.fromJson(input, WireUserInput.class);
        return switch (parsed) {
            case null -> new UserInput.Text("");
            case WireUserInput.Plain plain -> new UserInput.Text(plain.text());
            case WireUserInput.Parts parts -> new UserInput.Parts(parts.parts().stream().map(WireRecords::part).toList());
        };
    }

    /** A {@code ContentPart} payload. */
    static ContentPart contentPart(JsonObject payload) {
        return part(WIRE.fromJson(payload, WireContentPart.class));
    }

    private static ContentPart part(WireContentPart part) {
        return switch (part) {
            case WireContentPart.Text text -> new ContentPart.Text(text.text());
            case WireContentPart.Think think -> new ContentPart.Think(think.think(), think.encrypted());
            case WireContentPart.Media media -> new ContentPart.Media(
                    ContentPart.MediaKind.fromWireType(media.kind()), media.url(), media.id());
        };
    }

    /** A {@code ToolResult}'s {@code return_value}. */
    static ToolReturn toolReturn(JsonObject returnValue) {
        List<DisplayBlock> display = new ArrayList<>();
        if (returnValue.get("display") instanceof JsonArray blocks) {
            for (JsonElement block : blocks) {
                if (block instanceof JsonObject object) {
                    DisplayBlock parsed = displayBlock(object);
                    if (parsed != null) {
                        display.add(parsed);
                    }
                }
            }
        }
        return new ToolReturn(bool(returnValue, "is_error"), outputText(returnValue.get("output")),
                string(returnValue, "message"), display);
    }

    /** Output is a string, or (from a client-side tool) content parts whose text is kept. */
    private static String outputText(JsonElement output) {
        if (output instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        StringBuilder text = new StringBuilder();
        if (output instanceof JsonArray parts) {
            for (JsonElement part : parts) {
                if (part instanceof JsonObject object && "text".equals(string(object, "type"))) {
                    text.append(string(object, "text"));
                }
            }
        }
        return text.toString();
    }

    private static DisplayBlock displayBlock(JsonObject block) {
        return switch (string(block, "type")) {
            case "brief" -> new DisplayBlock.Brief(string(block, "text"));
            case "diff" -> new DisplayBlock.Diff(string(block, "path"), nullableString(block, "old_text"),
                    string(block, "new_text"), integer(block, "old_start"), integer(block, "new_start"),
                    bool(block, "is_summary"));
            case "shell" -> new DisplayBlock.Shell(string(block, "language"), string(block, "command"));
            case "todo" -> new DisplayBlock.Todo(todoItems(block.get("items")));
            default -> null;
        };
    }

    private static List<DisplayBlock.TodoItem> todoItems(JsonElement items) {
        List<DisplayBlock.TodoItem> list = new ArrayList<>();
        if (items instanceof JsonArray array) {
            for (JsonElement item : array) {
                if (item instanceof JsonObject object) {
                    list.add(new DisplayBlock.TodoItem(string(object, "title"), string(object, "status")));
                }
            }
        }
        return list;
    }

    static String string(JsonObject object, String key) {
        String value = nullableString(object, key);
        return value == null ? "" : value;
    }

    private static String nullableString(JsonObject object, String key) {
        return object.get(key) instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
    }

    private static boolean bool(JsonObject object, String key) {
        return object.get(key) instanceof JsonPrimitive p && p.isBoolean() && p.getAsBoolean();
    }

    private static int integer(JsonObject object, String key) {
        return object.get(key) instanceof JsonPrimitive p && p.isNumber() ? p.getAsInt() : 1;
    }
}
