package dev.agentserver.protocol.codegen;

import javax.lang.model.element.Element;

/** A component whose type the generated code cannot name for Gson; reported as a compile error on it. */
final class UnsupportedComponentException extends RuntimeException {

    final transient Element component;

    UnsupportedComponentException(Element component, String message) {
        super(message);
        this.component = component;
    }
}
