package dev.agentserver.protocol.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Has the build write a Gson {@code TypeAdapterFactory} for the records of the annotated package, so that Gson
 * does not map them by reflection: building reflective adapters and calling accessors and constructors through
 * reflection cost ~10 ms at every start. The factory is named after the package ({@code acp} gives
 * {@code AcpRecordAdapters}); it adapts every record declared in the package, nested ones included, and writes and
 * reads exactly what Gson's reflection would with the package's configuration, which the package's tests check.
 * The processor lives in {@code src/codegen} and is not part of the jar.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.PACKAGE)
public @interface GsonRecords {

    /** How a component's name becomes its JSON name: the configuration's field naming, which must agree. */
    Naming naming();

    /**
     * Types whose records get no generated adapter because hand-written adapters registered with
     * {@code registerTypeHierarchyAdapter} write them: Gson consults those after every factory, so a generated
     * adapter would take their place.
     */
    Class<?>[] handWritten() default {};

    enum Naming {
        /** As declared, except that {@code meta} is {@code _meta} (ACP's extension field). */
        AS_DECLARED_META_UNDERSCORED,
        /** Gson's {@code FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES}: {@code toolCallId} is {@code tool_call_id}. */
        LOWER_CASE_WITH_UNDERSCORES
    }
}
