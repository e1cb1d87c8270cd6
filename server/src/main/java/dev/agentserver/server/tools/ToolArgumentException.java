package dev.agentserver.server.tools;

/** The model's arguments cannot be used; the message tells the model what to fix. */
public final class ToolArgumentException extends Exception {

    public ToolArgumentException(String message) {
        super(message, null, false, false);
    }
}
