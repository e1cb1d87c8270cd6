package dev.agentserver.server.tools;

import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.ToolReturn;

/** A {@link PreparedCall} assembled from its parts; every built-in tool returns one. */
record ReadyCall(ToolPresentation presentation, ApprovalInfo approval, Work work) implements PreparedCall {

    @FunctionalInterface
    interface Work {
        ToolReturn run(CancelSignal cancel) throws CancelSignal.CancelledException;
    }

    @Override
    public ToolReturn run(CancelSignal cancel) throws CancelSignal.CancelledException {
        cancel.throwIfCancelled();
        return work.run(cancel);
    }
}
