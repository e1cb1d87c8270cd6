package dev.agentserver.protocol.acp;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes this package's enums by their protocol names, which are their constants' names in lower case
 * ({@code IN_PROGRESS} is {@code "in_progress"}). Needed because lsp4j registers an enum adapter that writes
 * ordinals, and it is consulted before Gson's own. The names follow from the constants rather than from
 * {@code @SerializedName}: reading an annotation makes the JDK generate a proxy class at run time, which the
 * AOT cache cannot keep. A value this side does not know reads as null, so a newer peer's value does not
 * fail the whole message.
 */
final class SnakeCaseEnumFactory implements TypeAdapterFactory {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
        Class<?> raw = type.getRawType();
        if (!raw.isEnum() || raw.getPackage() != SnakeCaseEnumFactory.class.getPackage()) {
            return null;
        }
        return (TypeAdapter<T>) new NamedEnumAdapter(raw).nullSafe();
    }

    private static final class NamedEnumAdapter<E extends Enum<E>> extends TypeAdapter<E> {

        private final Map<E, String> names = new HashMap<>();
        private final Map<String, E> constants = new HashMap<>();

        NamedEnumAdapter(Class<E> type) {
            for (E constant : type.getEnumConstants()) {
                String name = constant.name().toLowerCase(Locale.ROOT);
                names.put(constant, name);
                constants.put(name, constant);
            }
        }

        @Override
        public void write(JsonWriter out, E value) throws IOException {
            out.value(names.get(value));
        }

        @Override
        public E read(JsonReader in) throws IOException {
            return constants.get(in.nextString());
        }
    }
}
