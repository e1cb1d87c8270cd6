package dev.agentserver.protocol.acp;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.annotations.SerializedName;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes this package's enums by their {@link SerializedName}. Needed because lsp4j registers an enum
 * adapter that writes ordinals, and it is consulted before Gson's own. A value this side does not know
 * reads as null, so a newer peer's value does not fail the whole message.
 */
final class SerializedNameEnumFactory implements TypeAdapterFactory {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
        Class<?> raw = type.getRawType();
        if (!raw.isEnum() || raw.getPackage() != SerializedNameEnumFactory.class.getPackage()) {
            return null;
        }
        return (TypeAdapter<T>) new NamedEnumAdapter(raw).nullSafe();
    }

    private static final class NamedEnumAdapter<E extends Enum<E>> extends TypeAdapter<E> {

        private final Map<E, String> names = new HashMap<>();
        private final Map<String, E> constants = new HashMap<>();

        NamedEnumAdapter(Class<E> type) {
            for (E constant : type.getEnumConstants()) {
                String name = nameOf(type, constant);
                names.put(constant, name);
                constants.put(name, constant);
            }
        }

        private static <E extends Enum<E>> String nameOf(Class<E> type, E constant) {
            try {
                SerializedName annotation = type.getField(constant.name()).getAnnotation(SerializedName.class);
                return annotation == null ? constant.name() : annotation.value();
            } catch (NoSuchFieldException impossible) {
                throw new IllegalStateException(impossible);
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
