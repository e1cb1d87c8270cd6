package dev.agentserver.protocol.codegen;

import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The source of one package's factory and its adapters. Each adapter does what Gson's reflective record adapter
 * does, minus the reflection:
 * <ul>
 * <li>each component's adapter is Gson's for the component's declared type, looked up once, when the adapter is
 * made (Gson resolves cycles itself);
 * <li>writing is {@code null} for a null record, else the components in declaration order, each as name then
 * value; JsonWriter drops a name whose value is null when nulls are not serialized;
 * <li>reading takes a JSON null as null, skips unknown names, leaves missing components null (0 or false for
 * primitives), refuses a JSON null for a primitive with Gson's message, and wraps an IllegalStateException
 * (a token of the wrong kind) in a JsonSyntaxException as Gson does.
 * </ul>
 * Gson writes a component typed by a non-final class with the adapter of the value's class where that one is not
 * reflective; for the types these packages use (Object, JsonElement, the sealed unions) the declared type's
 * adapter writes the same, which the packages' tests check against Gson's reflection for every record. Not
 * reproduced: Gson wraps an exception that a canonical constructor throws in a RuntimeException (no generated
 * record declares its canonical constructor), and skips a component whose value is the record itself (a record
 * cannot hold itself).
 */
final class FactoryWriter {

    private static final String PROCESSOR = RecordAdapterProcessor.class.getName();

    private final Elements elements;
    private final PackageElement pkg;
    private final Naming naming;
    private final ComponentTypes types;
    private final String simpleName;

    FactoryWriter(ProcessingEnvironment env, PackageElement pkg, Naming naming) {
        this.elements = env.getElementUtils();
        this.pkg = pkg;
        this.naming = naming;
        this.types = new ComponentTypes(env.getTypeUtils());
        String last = pkg.getSimpleName().toString();
        this.simpleName = Character.toUpperCase(last.charAt(0)) + last.substring(1) + "RecordAdapters";
    }

    String qualifiedName() {
        return pkg.getQualifiedName() + "." + simpleName;
    }

    String source(List<TypeElement> records) {
        StringBuilder out = new StringBuilder();
        out.append("""
                package %s;

                import com.google.gson.Gson;
                import com.google.gson.JsonParseException;
                import com.google.gson.JsonSyntaxException;
                import com.google.gson.TypeAdapter;
                import com.google.gson.TypeAdapterFactory;
                import com.google.gson.reflect.TypeToken;
                import com.google.gson.stream.JsonReader;
                import com.google.gson.stream.JsonToken;
                import com.google.gson.stream.JsonWriter;
                import java.io.IOException;
                import java.lang.reflect.Type;
                import java.util.List;

                /** Gson adapters for this package's records, written by %s from {@code @GsonRecords}: do not edit. */
                @javax.annotation.processing.Generated("%s")
                final class %s implements TypeAdapterFactory {

                    /** The records adapted here, for the tests that hold the adapters to Gson's reflection. */
                    static List<Class<?>> records() {
                        return List.of(
                """.formatted(pkg.getQualifiedName(), PROCESSOR, PROCESSOR, simpleName));
        out.append(records.stream().map(r -> "                " + r.getQualifiedName() + ".class")
                .collect(Collectors.joining(",\n", "", ");\n    }\n")));
        out.append("""

                    /**
                     * Records are told by name and adapters cast from Object: class literals, or adapters that the verifier
                     * has to prove to be TypeAdapters, would load every record, or every adapter, along with this class.
                     */
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
                        return switch (type.getRawType().getName()) {
                """);
        for (TypeElement record : records) {
            out.append("            case \"%s\" -> (TypeAdapter<T>) (Object) new %s(gson);\n"
                    .formatted(binaryName(record), adapterName(record)));
        }
        out.append("""
                            default -> null;
                        };
                    }

                    @SuppressWarnings("unchecked")
                    private static <T> TypeAdapter<T> adapter(Gson gson, Type type) {
                        return (TypeAdapter<T>) gson.getAdapter(TypeToken.get(type));
                    }

                    private static Type parameterized(Class<?> raw, Type... arguments) {
                        return TypeToken.getParameterized(raw, arguments).getType();
                    }

                    /** Gson's record path refuses a JSON null for a primitive component, in these words. */
                    private static <T> T primitive(T value, String component, JsonReader in) {
                        if (value == null) {
                            throw new JsonParseException("null is not allowed as value for record component '" + component
                                    + "' of primitive type; at path " + in.getPath());
                        }
                        return value;
                    }
                """);
        for (TypeElement record : records) {
            writeAdapter(out, record);
        }
        return out.append("}\n").toString();
    }

    private void writeAdapter(StringBuilder out, TypeElement record) {
        String type = record.getQualifiedName().toString();
        List<? extends RecordComponentElement> components = record.getRecordComponents();
        out.append("""

                    private static final class %s extends TypeAdapter<%s> {
                """.formatted(adapterName(record), type));
        for (RecordComponentElement c : components) {
            out.append("        private final TypeAdapter<%s> %s;\n".formatted(types.name(c), c.getSimpleName()));
        }
        out.append("\n        %s(Gson gson) {\n".formatted(adapterName(record)));
        for (RecordComponentElement c : components) {
            out.append("            this.%s = %s;\n".formatted(c.getSimpleName(), types.adapterLookup(c)));
        }
        out.append("""
                        }

                        @Override
                        public void write(JsonWriter out, %s value) throws IOException {
                            if (value == null) {
                                out.nullValue();
                                return;
                            }
                            out.beginObject();
                """.formatted(type));
        for (RecordComponentElement c : components) {
            out.append("            out.name(\"%s\");\n".formatted(naming.jsonName(c.getSimpleName().toString())));
            out.append("            this.%1$s.write(out, value.%1$s());\n".formatted(c.getSimpleName()));
        }
        out.append("""
                            out.endObject();
                        }

                        @Override
                        public %s read(JsonReader in) throws IOException {
                            if (in.peek() == JsonToken.NULL) {
                                in.nextNull();
                                return null;
                            }
                """.formatted(type));
        for (RecordComponentElement c : components) {
            out.append("            %s %s = %s;\n".formatted(types.localName(c), c.getSimpleName(), types.initialValue(c)));
        }
        out.append("""
                            try {
                                in.beginObject();
                                while (in.hasNext()) {
                                    switch (in.nextName()) {
                """);
        for (RecordComponentElement c : components) {
            String name = c.getSimpleName().toString();
            String read = types.isPrimitive(c)
                    ? "primitive(this.%1$s.read(in), \"%1$s\", in)".formatted(name)
                    : "this.%s.read(in)".formatted(name);
            out.append("                        case \"%s\" -> %s = %s;\n".formatted(naming.jsonName(name), name, read));
        }
        out.append("""
                                        default -> in.skipValue();
                                    }
                                }
                            } catch (IllegalStateException e) {
                                throw new JsonSyntaxException(e);
                            }
                            in.endObject();
                            return new %s(%s);
                        }
                    }
                """.formatted(type, components.stream().map(c -> c.getSimpleName().toString())
                .collect(Collectors.joining(", "))));
    }

    /** What {@code Class.getName()} returns: {@code ...acp.AgentRequests$InitializeRequest}. */
    private String binaryName(TypeElement record) {
        return elements.getBinaryName(record).toString();
    }

    /** {@code AgentRequests.InitializeRequest} gives {@code AgentRequests_InitializeRequestAdapter}. */
    private String adapterName(TypeElement record) {
        return record.getQualifiedName().toString().substring(pkg.getQualifiedName().length() + 1)
                .replace('.', '_') + "Adapter";
    }
}
