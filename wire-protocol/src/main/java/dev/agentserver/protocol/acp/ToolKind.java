package dev.agentserver.protocol.acp;

import java.util.Locale;

/** What a tool call does, so that the editor can pick an icon. */
public enum ToolKind {
    READ,
    EDIT,
    DELETE,
    MOVE,
    SEARCH,
    EXECUTE,
    THINK,
    FETCH,
    SWITCH_MODE,
    OTHER;

    /** The kind named {@code name} ({@code "edit"}), or OTHER for a name the protocol does not have. */
    public static ToolKind named(String name) {
        if (name == null) {
            return OTHER;
        }
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return OTHER;
        }
    }
}
