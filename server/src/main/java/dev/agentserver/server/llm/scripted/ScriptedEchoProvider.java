package dev.agentserver.server.llm.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentserver.server.json.SharedMapper;
import dev.agentserver.server.llm.ChatProvider;
import dev.agentserver.server.llm.ChatRequest;
import dev.agentserver.server.llm.ChatSink;
import dev.agentserver.server.llm.ProviderException;
import dev.agentserver.server.model.CancelSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code _scripted_echo} test provider: each model call replays the next script of a JSON array of
 * strings, written in the echo DSL ({@link EchoScript}). It makes every protocol path reachable without
 * a network, which is how acceptance tests and protocol harnesses drive the server.
 */
public final class ScriptedEchoProvider implements ChatProvider {


    private final String modelName;
    private final Path scriptsFile;
    private List<String> scripts;
    private int calls;

    public ScriptedEchoProvider(String modelName, Path scriptsFile) {
        this.modelName = modelName;
        this.scriptsFile = scriptsFile;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public void stream(ChatRequest request, ChatSink sink, CancelSignal cancel)
            throws ProviderException, CancelSignal.CancelledException {
        String script = nextScript();
        EchoScript.parse(script).replay(sink, cancel);
    }

    private synchronized String nextScript() throws ProviderException {
        if (scripts == null) {
            scripts = load();
        }
        calls++;
        if (calls > scripts.size()) {
            throw new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null,
                    "ScriptedEchoChatProvider exhausted at turn " + calls + ".");
        }
        return scripts.get(calls - 1);
    }

    private List<String> load() throws ProviderException {
        if (scriptsFile == null) {
            throw new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null,
                    "KIMI_SCRIPTED_ECHO_SCRIPTS is not set for the _scripted_echo provider.");
        }
        try {
            JsonNode array = SharedMapper.MAPPER.readTree(Files.readString(scriptsFile));
            if (array == null || !array.isArray()) {
                throw new IOException("not a JSON array of strings");
            }
            List<String> list = new ArrayList<>();
            for (JsonNode item : array) {
                list.add(item.asText());
            }
            return list;
        } catch (IOException e) {
            throw new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null,
                    "Cannot read echo scripts from " + scriptsFile + ": " + e.getMessage(), e);
        }
    }
}
