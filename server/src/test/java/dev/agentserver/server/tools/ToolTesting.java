package dev.agentserver.server.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.ToolReturn;
import java.nio.file.Path;
import java.util.List;

/** Shared shortcuts for the tool tests: parse arguments, build a local context, prepare and run a call. */
final class ToolTesting {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolTesting() {}

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ToolContext local(Path workDir) {
        return new ToolContext(workDir, new LocalFileAccess(), new LocalCommandRunner());
    }

    static ToolReturn run(Tool tool, ToolContext context, String arguments) throws Exception {
        return tool.prepare(json(arguments), context).run(new CancelSignal());
    }

    static String brief(ToolReturn result) {
        return result.display().stream()
                .filter(DisplayBlock.Brief.class::isInstance)
                .map(block -> ((DisplayBlock.Brief) block).text())
                .findFirst().orElseThrow();
    }

    static List<String> lines(String output) {
        return output.lines().toList();
    }
}
