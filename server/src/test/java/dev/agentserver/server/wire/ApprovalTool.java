package dev.agentserver.server.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.ToolReturn;
import dev.agentserver.server.tools.ApprovalInfo;
import dev.agentserver.server.tools.PreparedCall;
import dev.agentserver.server.tools.Tool;
import dev.agentserver.server.tools.ToolArgumentException;
import dev.agentserver.server.tools.ToolContext;
import dev.agentserver.server.tools.ToolPresentation;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A test tool that needs approval and counts its runs, so tests see whether a call really ran. */
final class ApprovalTool implements Tool {

    final AtomicInteger runs = new AtomicInteger();

    @Override
    public String name() {
        return "Shout";
    }

    @Override
    public String description() {
        return "Shouts a word.";
    }

    @Override
    public ObjectNode parameters() {
        return new ObjectMapper().createObjectNode().put("type", "object");
    }

    @Override
    public PreparedCall prepare(JsonNode arguments, ToolContext context) throws ToolArgumentException {
        String word = arguments.path("word").asText(null);
        if (word == null) {
            throw new ToolArgumentException("word is required");
        }
        return new PreparedCall() {
            @Override
            public ToolPresentation presentation() {
                return new ToolPresentation("Shout " + word, "other", List.of());
            }

            @Override
            public ApprovalInfo approval() {
                return new ApprovalInfo("Shout", "shout", "Shout `" + word + "`",
                        List.of(new DisplayBlock.Shell("bash", "echo " + word)));
            }

            @Override
            public ToolReturn run(CancelSignal cancel) {
                runs.incrementAndGet();
                return ToolReturn.ok(word.toUpperCase());
            }
        };
    }
}
