package dev.agentserver.protocol.acp;

import com.google.gson.annotations.SerializedName;
import java.util.Locale;

/** What a tool call does, so that the editor can pick an icon. */
public enum ToolKind {
    @SerializedName("read") READ,
    @SerializedName("edit") EDIT,
    @SerializedName("delete") DELETE,
    @SerializedName("move") MOVE,
    @SerializedName("search") SEARCH,
    @SerializedName("execute") EXECUTE,
    @SerializedName("think") THINK,
    @SerializedName("fetch") FETCH,
    @SerializedName("switch_mode") SWITCH_MODE,
    @SerializedName("other") OTHER;

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
