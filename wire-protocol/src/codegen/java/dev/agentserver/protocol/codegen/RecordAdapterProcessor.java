package dev.agentserver.protocol.codegen;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * Writes, for each package annotated {@code @GsonRecords}, the TypeAdapterFactory of its records (see
 * {@link FactoryWriter} for what an adapter does). Run by wire-protocol's own compile only: it is named there
 * explicitly and has no {@code META-INF/services} entry, so no other module's compile picks it up.
 */
@SupportedAnnotationTypes(RecordAdapterProcessor.ANNOTATION)
public final class RecordAdapterProcessor extends AbstractProcessor {

    static final String ANNOTATION = "dev.agentserver.protocol.json.GsonRecords";

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            for (Element annotated : round.getElementsAnnotatedWith(annotation)) {
                PackageElement pkg = (PackageElement) annotated;
                try {
                    write(pkg, mirrorOf(pkg));
                } catch (UnsupportedComponentException e) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, e.getMessage(), e.component);
                } catch (IOException e) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, e.toString(), pkg);
                }
            }
        }
        return true;
    }

    private void write(PackageElement pkg, AnnotationMirror mirror) throws IOException {
        // The annotation's class is compiled along with the package, not with this processor: read it as a mirror.
        Naming naming = null;
        List<TypeMirror> handWritten = new ArrayList<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : processingEnv.getElementUtils().getElementValuesWithDefaults(mirror).entrySet()) {
            switch (entry.getKey().getSimpleName().toString()) {
                case "naming" -> naming = Naming.valueOf(((VariableElement) entry.getValue().getValue()).getSimpleName().toString());
                case "handWritten" -> {
                    for (Object type : (List<?>) entry.getValue().getValue()) {
                        handWritten.add((TypeMirror) ((AnnotationValue) type).getValue());
                    }
                }
                default -> throw new IllegalStateException("unknown element of @GsonRecords: " + entry.getKey());
            }
        }
        List<TypeElement> records = new ArrayList<>();
        collectRecords(pkg, records);
        records.removeIf(record -> handWritten.stream()
                .anyMatch(type -> processingEnv.getTypeUtils().isAssignable(record.asType(), type)));
        records.sort(Comparator.comparing(record -> record.getQualifiedName().toString()));

        FactoryWriter factory = new FactoryWriter(processingEnv, pkg, naming);
        try (Writer out = processingEnv.getFiler().createSourceFile(factory.qualifiedName(), pkg).openWriter()) {
            out.write(factory.source(records));
        }
    }

    private static AnnotationMirror mirrorOf(PackageElement pkg) {
        return pkg.getAnnotationMirrors().stream()
                .filter(m -> ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(ANNOTATION))
                .findFirst()
                .orElseThrow();
    }

    /** The records declared in {@code element}, at any depth of nesting. */
    private static void collectRecords(Element element, List<TypeElement> records) {
        for (Element enclosed : element.getEnclosedElements()) {
            if (enclosed.getKind().isClass() || enclosed.getKind().isInterface()) {
                if (enclosed.getKind() == ElementKind.RECORD) {
                    records.add((TypeElement) enclosed);
                }
                collectRecords(enclosed, records);
            }
        }
    }
}
