package dev.agentserver.protocol.acp;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes a sealed interface whose records are told apart by a tag field, the way ACP shapes its
 * unions: {@code {"type": "text", "text": ...}}, {@code {"sessionUpdate": "plan", "entries": [...]}}. The
 * tag is written first, then the record's own fields (nulls left out). An unknown tag is a parse error,
 * which the engine answers with -32602.
 *
 * <p>It also claims the records themselves: lsp4j's collection adapter looks adapters up by an element's
 * runtime class, and a record written without its tag would be meaningless to the peer.
 */
final class TaggedUnionAdapterFactory<T> implements TypeAdapterFactory {

    private final Class<T> base;
    private final String tagField;
    private final Map<String, Class<? extends T>> variantsByTag = new LinkedHashMap<>();
    private final Map<Class<?>, String> tagsByVariant = new LinkedHashMap<>();

    private TaggedUnionAdapterFactory(Class<T> base, String tagField) {
        this.base = base;
        this.tagField = tagField;
    }

    static <T> TaggedUnionAdapterFactory<T> of(Class<T> base, String tagField) {
        return new TaggedUnionAdapterFactory<>(base, tagField);
    }

    TaggedUnionAdapterFactory<T> variant(String tag, Class<? extends T> type) {
        variantsByTag.put(tag, type);
        tagsByVariant.put(type, tag);
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> TypeAdapter<R> create(Gson gson, TypeToken<R> type) {
        if (!base.isAssignableFrom(type.getRawType())) {
            return null;
        }
        return (TypeAdapter<R>) new UnionAdapter(gson).nullSafe();
    }

    private final class UnionAdapter extends TypeAdapter<T> {

        private final Gson gson;
        /**
         * Gson caches what getAdapter returns but not getDelegateAdapter: without this, every write built the
         * record's adapter anew (when those were reflective, 14 of the 15 us an agent_message_chunk cost: bench/jmh).
         */
        private final Map<Class<?>, TypeAdapter<?>> delegates = new ConcurrentHashMap<>();

        UnionAdapter(Gson gson) {
            this.gson = gson;
        }

        @Override
        public void write(JsonWriter out, T value) throws IOException {
            String tag = tagsByVariant.get(value.getClass());
            if (tag == null) {
                throw new IllegalArgumentException("no tag registered for " + value.getClass().getName());
            }
            JsonObject tagged = new JsonObject();
            tagged.addProperty(tagField, tag);
            JsonObject fields = fieldsOf(value).getAsJsonObject();
            for (Map.Entry<String, JsonElement> field : fields.entrySet()) {
                if (!field.getValue().isJsonNull()) {
                    tagged.add(field.getKey(), field.getValue());
                }
            }
            gson.getAdapter(JsonElement.class).write(out, tagged);
        }

        @SuppressWarnings("unchecked")
        private <V extends T> TypeAdapter<V> delegate(Class<V> variant) {
            return (TypeAdapter<V>) delegates.computeIfAbsent(variant,
                    v -> gson.getDelegateAdapter(TaggedUnionAdapterFactory.this, TypeToken.get(v)));
        }

        @SuppressWarnings("unchecked")
        private <V extends T> JsonElement fieldsOf(T value) {
            return delegate((Class<V>) value.getClass()).toJsonTree((V) value);
        }

        @Override
        public T read(JsonReader in) throws IOException {
            JsonElement element = JsonParser.parseReader(in);
            if (!(element instanceof JsonObject object)) {
                throw new JsonParseException("expected an object tagged by " + tagField);
            }
            JsonElement tag = object.get(tagField);
            String name = tag instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
            Class<? extends T> variant = name == null ? null : variantsByTag.get(name);
            if (variant == null) {
                throw new JsonParseException("unknown " + tagField + ": " + name);
            }
            return delegate(variant).fromJsonTree(object);
        }
    }
}
