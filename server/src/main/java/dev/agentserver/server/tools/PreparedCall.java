package dev.agentserver.server.tools;

import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.ToolReturn;

/** A tool call whose arguments were checked: what it will do, and the way to do it. */
public interface PreparedCall {

    /** How the call is shown to the user (title, kind, files touched). */
    ToolPresentation presentation();

    /** What to ask the user before running, or null when the tool never needs approval. */
    ApprovalInfo approval();

    /**
     * Runs the call. Failures the model should read come back as an error {@link ToolReturn}, not as
     * exceptions. Must stop promptly (well under a second) when {@code cancel} fires.
     */
    ToolReturn run(CancelSignal cancel) throws CancelSignal.CancelledException;
}
