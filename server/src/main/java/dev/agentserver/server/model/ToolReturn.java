package dev.agentserver.server.model;

import java.util.List;

/**
 * The result of one tool call: what the model is told ({@code output} and {@code message}) and what the
 * user is shown ({@code display}). Mirrors the wire protocol's {@code return_value}.
 */
public record ToolReturn(boolean isError, String output, String message, List<DisplayBlock> display) {

    public ToolReturn {
        output = output == null ? "" : output;
        message = message == null ? "" : message;
        display = display == null ? List.of() : List.copyOf(display);
    }

    public static ToolReturn ok(String output, String message, List<DisplayBlock> display) {
        return new ToolReturn(false, output, message, display);
    }

    public static ToolReturn ok(String output) {
        return new ToolReturn(false, output, "", List.of());
    }

    /** A failure the model should read; {@code brief} is the short text shown to the user. */
    public static ToolReturn error(String message, String brief) {
        return new ToolReturn(true, "", message, List.of(new DisplayBlock.Brief(brief)));
    }
}
