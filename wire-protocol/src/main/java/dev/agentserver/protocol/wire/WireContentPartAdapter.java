package dev.agentserver.protocol.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.Set;

/**
 * Reads and writes {@link WireContentPart}s by their {@code type} tag. An unknown tag is a parse error,
 * which the engine answers with -32602 (the reference server crashed on it instead).
 */
final class WireContentPartAdapter extends TypeAdapter<WireContentPart> {

    static final Set<String> MEDIA_KINDS = Set.of("image_url", "audio_url", "video_url");

    @Override
    public void write(JsonWriter out, WireContentPart part) throws IOException {
        if (part == null) {
            out.nullValue();
            return;
        }
        boolean serializeNulls = out.getSerializeNulls();
        out.setSerializeNulls(true);
        out.beginObject();
        switch (part) {
            case WireContentPart.Text text -> {
                out.name("type").value("text");
                out.name("text").value(text.text());
            }
            case WireContentPart.Think think -> {
                out.name("type").value("think");
                out.name("think").value(think.think());
                out.name("encrypted").value(think.encrypted());
            }
            case WireContentPart.Media media -> {
                out.name("type").value(media.kind());
                out.name(media.kind()).beginObject();
                out.name("url").value(media.url());
                out.name("id").value(media.id());
                out.endObject();
            }
        }
        out.endObject();
        out.setSerializeNulls(serializeNulls);
    }

    @Override
    public WireContentPart read(JsonReader in) throws IOException {
        return fromJson(JsonParser.parseReader(in));
    }

    static WireContentPart fromJson(JsonElement element) {
        if (!(element instanceof JsonObject object)) {
            throw new JsonParseException("a content part must be an object");
        }
        String type = string(object, "type");
        if (type == null) {
            throw new JsonParseException("a content part needs a type");
        }
        return switch (type) {
            case "text" -> new WireContentPart.Text(required(object, "text"));
            case "think" -> new WireContentPart.Think(required(object, "think"), string(object, "encrypted"));
            default -> {
                if (!MEDIA_KINDS.contains(type)) {
                    throw new JsonParseException("unknown content part type: " + type);
                }
                yield readMedia(type, object.get(type));
            }
        };
    }

    /** The media value is {@code {"url":..,"id":..}}; a bare URL string is accepted too. */
    private static WireContentPart readMedia(String kind, JsonElement value) {
        if (value instanceof JsonPrimitive p && p.isString()) {
            return new WireContentPart.Media(kind, p.getAsString(), null);
        }
        if (value instanceof JsonObject media && string(media, "url") != null) {
            return new WireContentPart.Media(kind, string(media, "url"), string(media, "id"));
        }
        throw new JsonParseException(kind + " needs a url");
    }

    private static String required(JsonObject object, String key) {
        String value = string(object, key);
        if (value == null) {
            throw new JsonParseException("content part field " + key + " must be a string");
        }
        return value;
    }

    private static String string(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
    }
}
