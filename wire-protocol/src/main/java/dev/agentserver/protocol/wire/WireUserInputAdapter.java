package dev.agentserver.protocol.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@link WireUserInput}: a JSON string or an array of content parts. */
final class WireUserInputAdapter extends TypeAdapter<WireUserInput> {

    private final WireContentPartAdapter parts = new WireContentPartAdapter();

    @Override
    public void write(JsonWriter out, WireUserInput input) throws IOException {
        switch (input) {
            case null -> out.nullValue();
            case WireUserInput.Plain plain -> out.value(plain.text());
            case WireUserInput.Parts list -> {
                out.beginArray();
                for (WireContentPart part : list.parts()) {
                    parts.write(out, part);
                }
                out.endArray();
            }
        }
    }

    @Override
    public WireUserInput read(JsonReader in) throws IOException {
        return fromJson(JsonParser.parseReader(in));
    }

    static WireUserInput fromJson(JsonElement element) {
        if (element instanceof JsonPrimitive p && p.isString()) {
            return new WireUserInput.Plain(p.getAsString());
        }
        if (element instanceof JsonArray array) {
            List<WireContentPart> list = new ArrayList<>(array.size());
            for (JsonElement part : array) {
                list.add(WireContentPartAdapter.fromJson(part));
            }
            return new WireUserInput.Parts(list);
        }
        if (element == null || element.isJsonNull()) {
            return null;
        }
        throw new JsonParseException("user_input must be a string or a list of content parts");
    }
}
