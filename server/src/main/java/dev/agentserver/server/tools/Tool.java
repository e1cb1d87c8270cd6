package dev.agentserver.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A built-in tool the model can call. Calling it is two steps, so that the agent can ask for approval
 * between them: {@link #prepare} checks the arguments and says what the call will do; the returned
 * {@link PreparedCall} runs it.
 */
public interface Tool {

    /** The name the model calls it by, e.g. {@code "Shell"}. */
    String name();

    String description();

    /** JSON Schema of the arguments object. */
    ObjectNode parameters();

    /**
     * Validates {@code arguments} (the parsed JSON object the model sent) and resolves paths against the
     * work dir.
     *
     * @throws ToolArgumentException when the arguments are unusable; its message is shown to the model
     */
    PreparedCall prepare(JsonNode arguments, ToolContext context) throws ToolArgumentException;
}
