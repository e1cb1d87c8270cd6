package dev.agentserver.server.llm.scripted;

import dev.agentserver.server.llm.ChatProvider;
import dev.agentserver.server.llm.ChatRequest;
import dev.agentserver.server.llm.ChatSink;
import dev.agentserver.server.llm.ProviderException;
import dev.agentserver.server.model.CancelSignal;
import java.nio.file.Path;

/**
 * PLACEHOLDER so that the {@code llm} branch compiles: the real scripted echo provider is written on
 * another branch and replaces this file at merge. It only fails.
 */
public final class ScriptedEchoProvider implements ChatProvider {

    private final String modelName;

    public ScriptedEchoProvider(String modelName, Path scriptsFile) {
        this.modelName = modelName;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public void stream(ChatRequest request, ChatSink sink, CancelSignal cancel) throws ProviderException {
        throw new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null,
                "the scripted echo provider is not part of this build");
    }
}
