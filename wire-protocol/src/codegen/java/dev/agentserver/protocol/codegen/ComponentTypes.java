package dev.agentserver.protocol.codegen;

import java.util.stream.Collectors;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * A component's declared type as Java source. Only primitives and class types, parameterized or not, are
 * supported (all the protocol records use); anything else is a compile error on the component rather than code
 * that might map it differently from Gson.
 */
final class ComponentTypes {

    private final Types types;

    ComponentTypes(Types types) {
        this.types = types;
    }

    boolean isPrimitive(RecordComponentElement component) {
        return component.asType().getKind().isPrimitive();
    }

    /** The type argument of the component's TypeAdapter: primitives boxed, as Gson's adapters for them are. */
    String name(RecordComponentElement component) {
        TypeMirror type = component.asType();
        return type.getKind().isPrimitive() ? boxed(type) : sourceName(component, type);
    }

    /** The type of the local the component is read into. */
    String localName(RecordComponentElement component) {
        TypeMirror type = component.asType();
        return type.getKind().isPrimitive() ? type.toString() : sourceName(component, type);
    }

    /** What a local starts as: what Gson passes the constructor for a component the JSON does not have. */
    String initialValue(RecordComponentElement component) {
        TypeKind kind = component.asType().getKind();
        return kind == TypeKind.BOOLEAN ? "false" : kind.isPrimitive() ? "0" : "null";
    }

    /** An expression for the component's adapter, {@code gson} in scope: the one Gson gives for the declared type. */
    String adapterLookup(RecordComponentElement component) {
        TypeMirror type = component.asType();
        boolean parameterized = type instanceof DeclaredType declared && !declared.getTypeArguments().isEmpty();
        return parameterized
                ? "adapter(gson, " + reflectType(component, type) + ")"
                : "gson.getAdapter(" + reflectType(component, type) + ")";
    }

    private String boxed(TypeMirror primitive) {
        return types.boxedClass((PrimitiveType) primitive).getQualifiedName().toString();
    }

    private static String sourceName(RecordComponentElement component, TypeMirror type) {
        DeclaredType declared = declared(component, type);
        String raw = ((TypeElement) declared.asElement()).getQualifiedName().toString();
        return declared.getTypeArguments().isEmpty() ? raw : declared.getTypeArguments().stream()
                .map(argument -> sourceName(component, argument))
                .collect(Collectors.joining(", ", raw + "<", ">"));
    }

    /** A {@code java.lang.reflect.Type} expression equal to the type reflection gives Gson for the component. */
    private static String reflectType(RecordComponentElement component, TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return type + ".class";
        }
        DeclaredType declared = declared(component, type);
        String raw = ((TypeElement) declared.asElement()).getQualifiedName() + ".class";
        return declared.getTypeArguments().isEmpty() ? raw : declared.getTypeArguments().stream()
                .map(argument -> reflectType(component, argument))
                .collect(Collectors.joining(", ", "parameterized(" + raw + ", ", ")"));
    }

    private static DeclaredType declared(RecordComponentElement component, TypeMirror type) {
        if (type instanceof DeclaredType declared) {
            return declared;
        }
        throw new UnsupportedComponentException(component, "@GsonRecords supports components of primitive and class"
                + " types, parameterized or not; " + component.getSimpleName() + " is " + type);
    }
}
