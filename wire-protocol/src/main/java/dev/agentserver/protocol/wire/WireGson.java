package dev.agentserver.protocol.wire;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.function.Consumer;

/**
 * The wire protocol's JSON configuration: snake_case names, nulls written (payloads carry every field),
 * no HTML escaping (the reference writes {@code <} and {@code &} as they are).
 */
public final class WireGson {

    /**
     * Everything but the generated record adapters: what Gson's reflection makes of this package's records, which
     * the tests hold the generated adapters to.
     */
    static final Consumer<GsonBuilder> REFLECTIVE = builder -> builder
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .serializeNulls()
            .disableHtmlEscaping()
            .registerTypeHierarchyAdapter(WireContentPart.class, new WireContentPartAdapter().nullSafe())
            .registerTypeHierarchyAdapter(WireUserInput.class, new WireUserInputAdapter().nullSafe());

    // Gson consults hierarchy adapters after every factory, so the generated one leaves the records of
    // WireContentPart and WireUserInput to them (package-info.java).
    public static final Consumer<GsonBuilder> CONFIG =
            builder -> REFLECTIVE.accept(builder.registerTypeAdapterFactory(new WireRecordAdapters()));

    private WireGson() {
    }

    /** A stand-alone Gson with the same configuration, for the session log. */
    public static Gson create() {
        GsonBuilder builder = new GsonBuilder();
        CONFIG.accept(builder);
        return builder.create();
    }
}
