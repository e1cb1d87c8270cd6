package dev.agentserver.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds a package's generated record adapters to what Gson's reflection does with the same configuration: every
 * record, written and read through the Gson that lsp4j builds and through a plain one, must give the same JSON and
 * the same records (or the same failure) with and without the generated factory.
 */
public abstract class RecordAdaptersContract {

    private final Consumer<GsonBuilder> config;
    private final Consumer<GsonBuilder> reflective;
    private final List<Class<?>> generated;
    private final Set<Class<?>> handWritten;
    private final List<Gsons> gsons;

    /**
     * @param config      the package's configuration
     * @param reflective  the same less the generated factory
     * @param generated   the records the generated factory adapts
     * @param handWritten the types whose records hand-written hierarchy adapters write instead
     */
    protected RecordAdaptersContract(Consumer<GsonBuilder> config, Consumer<GsonBuilder> reflective,
            List<Class<?>> generated, Set<Class<?>> handWritten) {
        this.config = config;
        this.reflective = reflective;
        this.generated = generated;
        this.handWritten = handWritten;
        this.gsons = List.of(
                new Gsons("lsp4j's", lsp4j(config), lsp4j(reflective)),
                new Gsons("plain", plain(config), plain(reflective)));
    }

    private record Gsons(String name, Gson generated, Gson reflective) {}

    private static Gson lsp4j(Consumer<GsonBuilder> config) {
        return new MessageJsonHandler(Map.of(), config).getGson();
    }

    private static Gson plain(Consumer<GsonBuilder> config) {
        GsonBuilder builder = new GsonBuilder();
        config.accept(builder);
        return builder.create();
    }

    @Test
    void everyRecordOfThePackageIsGeneratedUnlessHandWritten() throws IOException, URISyntaxException {
        Set<String> expected = new TreeSet<>();
        for (Class<?> record : recordsCompiledWith(generated.getFirst())) {
            if (handWritten.stream().noneMatch(type -> type.isAssignableFrom(record))) {
                expected.add(record.getName());
            }
        }
        assertEquals(expected, new TreeSet<>(generated.stream().map(Class::getName).toList()));
    }

    /** Every record among the class files of {@code member}'s package, so that one the processor missed shows. */
    private static List<Class<?>> recordsCompiledWith(Class<?> member) throws IOException, URISyntaxException {
        String pkg = member.getPackageName();
        Path classes = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(pkg.replace('.', '/'));
        List<Class<?>> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class")) {
                    Class<?> type = load(pkg + "." + name.substring(0, name.length() - ".class".length()));
                    if (type.isRecord()) {
                        records.add(type);
                    }
                }
            }
        }
        return records;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, RecordAdaptersContract.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRecordIsWrittenAndReadBackAsByReflection() {
        return perRecord(record -> {
            int widest = 1;
            for (int variant = 0; variant < widest; variant++) {
                Samples samples = new Samples(variant);
                for (Object read : assertSameRoundTrip(samples.full(record))) {
                    assertFalse(read instanceof Failure, () -> "could not read back a full " + record + ": " + read);
                }
                widest = samples.widestUnion();
            }
            // Not always readable: Gson reads a JSON null for a JsonObject as JsonNull, which is no JsonObject.
            assertSameRoundTrip(Samples.empty(record));
        });
    }

    /** Requires the same JSON and the same record read back from it, or the same failure; returns what was read. */
    private List<Object> assertSameRoundTrip(Record value) {
        List<Object> reads = new ArrayList<>();
        for (Gsons pair : gsons) {
            String json = pair.reflective.toJson(value);
            assertEquals(json, pair.generated.toJson(value), pair.name);
            List<Object> read = read(pair.reflective, json, value.getClass());
            assertEquals(read, read(pair.generated, json, value.getClass()), pair.name + " reading " + json);
            reads.addAll(read);
        }
        return reads;
    }

    @TestFactory
    Stream<DynamicTest> missingUnknownNullAndMistypedFieldsAreReadAsByReflection() {
        return perRecord(record -> {
            for (String json : variationsOf(record)) {
                for (Gsons pair : gsons) {
                    assertEquals(read(pair.reflective, json, record), read(pair.generated, json, record),
                            pair.name + " reading " + json);
                }
            }
        });
    }

    /**
     * Every field of a sample left out, null, or of each other kind of JSON value; the sample with unknown fields
     * around it; no fields; and values that are no object at all.
     */
    private List<String> variationsOf(Class<?> record) {
        JsonObject sample = JsonParser.parseString(gsons.getFirst().reflective.toJson(new Samples(0).full(record)))
                .getAsJsonObject();
        List<String> variations = new ArrayList<>(List.of("{}", "null", "\"text\"", "[]", "1"));
        JsonObject unknown = new JsonObject();
        unknown.add("unknownBefore", JsonParser.parseString("{\"a\":[1,{\"b\":null}]}"));
        sample.entrySet().forEach(field -> unknown.add(field.getKey(), field.getValue()));
        unknown.addProperty("unknown_after", "x");
        variations.add(unknown.toString());
        List<JsonElement> others = List.of(JsonNull.INSTANCE, new JsonObject(), new JsonPrimitive("text"),
                JsonParser.parseString("[1]"), new JsonPrimitive(1.5), new JsonPrimitive(true));
        for (String name : sample.keySet()) {
            JsonObject without = sample.deepCopy();
            without.remove(name);
            variations.add(without.toString());
            for (JsonElement other : others) {
                JsonObject changed = sample.deepCopy();
                changed.add(name, other);
                variations.add(changed.toString());
            }
        }
        return variations;
    }

    /**
     * What reading gave, through Gson and straight through the adapter (as lsp4j reads a result, and as a union
     * reads its records, without Gson's own wrapping of exceptions): the value, or how it failed.
     */
    private static List<Object> read(Gson gson, String json, Class<?> type) {
        return Arrays.asList(outcome(() -> gson.fromJson(json, type)),
                outcome(() -> gson.getAdapter(type).fromJsonTree(JsonParser.parseString(json))));
    }

    private static Object outcome(Supplier<Object> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return new Failure(e);
        }
    }

    /** An exception, less the identity hashes that Gson's messages show of adapters (two Gsons, two adapters). */
    private record Failure(String type, String message, String cause) {
        Failure(Exception e) {
            this(e.getClass().getName(), withoutHashes(e.getMessage()), withoutHashes(String.valueOf(e.getCause())));
        }

        private static String withoutHashes(String message) {
            return message == null ? null : message.replaceAll("@\\p{XDigit}+\\b", "@");
        }
    }

    /** What the generated adapters are for: start-up no longer pays for Gson's reflection on the records. */
    @Test
    void noRecordOfThePackageReachesGsonsReflection() {
        assertEquals(Set.of(), unclaimed(config));
    }

    @Test
    void withoutTheGeneratedFactoryEveryRecordWouldReachReflection() {
        assertEquals(new TreeSet<>(generated.stream().map(Class::getName).toList()), unclaimed(reflective));
    }

    /**
     * The records and other classes of the protocol packages that no factory of {@code config} claimed while every
     * record was written and read: those go on to Gson's reflective adapter, but for the hand-written ones, whose
     * hierarchy adapters Gson consults after every factory.
     */
    private Set<String> unclaimed(Consumer<GsonBuilder> config) {
        Set<String> unclaimed = ConcurrentHashMap.newKeySet();
        TypeAdapterFactory spy = new TypeAdapterFactory() {
            @Override
            public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
                Class<?> raw = type.getRawType();
                if (raw.getName().startsWith("dev.agentserver.protocol.")
                        && handWritten.stream().noneMatch(h -> h.isAssignableFrom(raw))) {
                    unclaimed.add(raw.getName());
                }
                return null;
            }
        };
        // Registered before the configuration, so consulted after all of its factories (and before lsp4j's).
        Gson gson = lsp4j(builder -> config.accept(builder.registerTypeAdapterFactory(spy)));
        for (Class<?> record : generated) {
            gson.fromJson(gson.toJson(new Samples(0).full(record)), record);
        }
        return new TreeSet<>(unclaimed);
    }

    private Stream<DynamicTest> perRecord(RecordCheck check) {
        return generated.stream().map(record -> dynamicTest(
                record.getName().substring(record.getPackageName().length() + 1), () -> check.run(record)));
    }

    @FunctionalInterface
    private interface RecordCheck {
        void run(Class<?> record) throws Exception;
    }

    /** Requires {@code value} written as {@code expected}, by the configured Gsons and by reflection alike. */
    protected void assertWrittenAsByReflection(String expected, Object value) {
        for (Gsons pair : gsons) {
            assertEquals(expected, pair.reflective.toJson(value), pair.name);
            assertEquals(expected, pair.generated.toJson(value), pair.name);
        }
    }
}
