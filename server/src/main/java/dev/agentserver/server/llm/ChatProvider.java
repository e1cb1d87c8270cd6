package dev.agentserver.server.llm;

import dev.agentserver.server.model.CancelSignal;

/**
 * The one seam through which the agent calls a model. Implementations that talk to a credentialed
 * service make every HTTP call through the auth module's {@code CredentialedCaller} (the single 401
 * recovery path); nothing else in the server calls a provider.
 */
public interface ChatProvider {

    /** The model name sent to the service, for logs and error messages. */
    String modelName();

    /**
     * Streams one completion, handing each delta to {@code sink} as it arrives, and returns when the
     * stream has ended. Cancelling {@code cancel} must close the underlying stream at once and make this
     * method throw {@link CancelSignal.CancelledException}.
     */
    void stream(ChatRequest request, ChatSink sink, CancelSignal cancel)
            throws ProviderException, CancelSignal.CancelledException;
}
