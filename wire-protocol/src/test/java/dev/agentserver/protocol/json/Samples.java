package dev.agentserver.protocol.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.Array;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Records built by reflection with a value in every component, for holding the generated adapters to Gson's
 * reflection. Values differ from one another, so that a component read into another's place shows. A union (a
 * sealed interface) takes its {@code variant}-th permitted record, counted round, so that running the variants
 * from 0 to {@link #widestUnion()} - 1 puts every record of every union in every place a union can be.
 */
public final class Samples {

    private final int variant;
    private int counter;
    private int widestUnion = 1;

    public Samples(int variant) {
        this.variant = variant;
    }

    /** The most permitted records of any union met so far. */
    public int widestUnion() {
        return widestUnion;
    }

    /** A {@code type} with every component set. */
    public Record full(Class<?> type) {
        return instantiate(type, component -> value(component.getGenericType()));
    }

    /** A {@code type} with every component null, or 0 or false where it is primitive. */
    public static Record empty(Class<?> type) {
        return instantiate(type, component -> component.getType().isPrimitive()
                ? Array.get(Array.newInstance(component.getType(), 1), 0)
                : null);
    }

    private Object value(Type type) {
        counter++;
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return List.of(value(list.getActualTypeArguments()[0]));
        }
        if (!(type instanceof Class<?> c)) {
            throw new IllegalArgumentException("no sample for " + type + ": teach Samples this type");
        }
        if (c == String.class) {
            return "s" + counter;
        } else if (c == int.class || c == Integer.class) {
            return counter;
        } else if (c == long.class || c == Long.class) {
            return counter + 10_000_000_000L;
        } else if (c == double.class || c == Double.class) {
            return counter + 0.5;
        } else if (c == boolean.class || c == Boolean.class) {
            return true;
        } else if (c == JsonObject.class || c == JsonElement.class) {
            JsonObject object = new JsonObject();
            object.addProperty("k" + counter, counter);
            return object;
        } else if (c == JsonPrimitive.class) {
            return new JsonPrimitive("p" + counter);
        } else if (c == Object.class) {
            return "o" + counter;
        } else if (c.isEnum()) {
            return c.getEnumConstants()[counter % c.getEnumConstants().length];
        } else if (c.isRecord()) {
            return full(c);
        } else if (c.isSealed()) {
            Class<?>[] permitted = c.getPermittedSubclasses();
            widestUnion = Math.max(widestUnion, permitted.length);
            return value(permitted[variant % permitted.length]);
        }
        throw new IllegalArgumentException("no sample for " + type + ": teach Samples this type");
    }

    private static Record instantiate(Class<?> type, Function<RecordComponent, Object> valueOf) {
        RecordComponent[] components = type.getRecordComponents();
        try {
            return (Record) type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new)).newInstance(Arrays.stream(components).map(valueOf).toArray());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getName(), e);
        }
    }
}
