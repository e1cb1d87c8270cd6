package dev.agentserver.server.acp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.agentserver.protocol.acp.SessionUpdate;
import dev.agentserver.protocol.acp.ToolCallContent;
import dev.agentserver.protocol.acp.ToolCallStatus;
import dev.agentserver.server.model.ToolReturn;
import dev.agentserver.server.tools.ToolPresentation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recorded session as {@code session/update}s for {@code session/load}: user input as user chunks, the
 * model's text and thoughts as agent chunks, and each tool call once, with its final status and content.
 * A call that never got a result (its turn was cancelled) is shown as failed.
 */
final class HistoryReplay {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryReplay.class);

    /** A recorded call waiting for its result: the log writes them in that order. */
    private record RecordedCall(String id, String name, String arguments) {}

    private final Path workDir;
    private final List<SessionUpdate> updates = new ArrayList<>();
    private final Map<String, RecordedCall> unanswered = new LinkedHashMap<>();

    private HistoryReplay(Path workDir) {
        this.workDir = workDir;
    }

    /** @param workDir resolves relative {@code path} arguments into the absolute locations ACP wants */
    static List<SessionUpdate> of(List<JsonObject> messages, Path workDir) {
        HistoryReplay replay = new HistoryReplay(workDir);
        for (JsonObject message : messages) {
            try {
                replay.add(message.get("type").getAsString(), payload(message));
            } catch (RuntimeException unreadable) {
                LOG.debug("skipped a log record that does not read as its type: {}", unreadable.getMessage());
            }
        }
        replay.closeUnanswered();
        return replay.updates;
    }

    private static JsonObject payload(JsonObject message) {
        return message.get("payload") instanceof JsonObject payload ? payload : new JsonObject();
    }

    private void add(String type, JsonObject payload) {
        switch (type) {
            case "TurnBegin", "SteerInput" -> updates.addAll(MessageChunks.userChunks(WireRecords.userInput(payload)));
            case "ContentPart" -> {
                SessionUpdate chunk = MessageChunks.agentChunk(WireRecords.contentPart(payload));
                if (chunk != null) {
                    updates.add(chunk);
                }
            }
            case "ToolCall" -> {
                JsonObject function = payload.getAsJsonObject("function");
                String arguments = function.get("arguments") instanceof JsonElement a && a.isJsonPrimitive()
                        ? a.getAsString() : null;
                String id = WireRecords.string(payload, "id");
                unanswered.put(id, new RecordedCall(id, WireRecords.string(function, "name"), arguments));
            }
            case "ToolResult" -> answer(WireRecords.string(payload, "tool_call_id"),
                    WireRecords.toolReturn(payload.getAsJsonObject("return_value")));
            case "TurnEnd" -> closeUnanswered();
            default -> { }
        }
    }

    private void answer(String toolCallId, ToolReturn result) {
        RecordedCall call = unanswered.remove(toolCallId);
        if (call == null) {
            return;
        }
        updates.add(recorded(call, ToolCallViews.finalStatus(result), ToolCallViews.resultContent(result, null)));
        SessionUpdate.Plan plan = ToolCallViews.plan(result);
        if (plan != null) {
            updates.add(plan);
        }
    }

    private void closeUnanswered() {
        for (RecordedCall call : unanswered.values()) {
            updates.add(recorded(call, ToolCallStatus.FAILED,
                    List.of(ToolCallContent.text("The call did not finish: its turn was interrupted."))));
        }
        unanswered.clear();
    }

    /** The log keeps no presentation: the tool's name is the title, and a {@code path} argument the location. */
    private SessionUpdate recorded(RecordedCall call, ToolCallStatus status, List<ToolCallContent> content) {
        ToolPresentation presentation = new ToolPresentation(call.name(), "other", pathArgument(call.arguments()));
        return ToolCallViews.announced(call.id(), call.name(), call.arguments(), presentation, status,
                content.isEmpty() ? null : content);
    }

    private List<Path> pathArgument(String arguments) {
        if (ToolCallViews.rawInput(arguments) instanceof JsonObject object
                && object.get("path") instanceof JsonPrimitive path && path.isString()) {
            try {
                return List.of(workDir.resolve(path.getAsString()).normalize());
            } catch (InvalidPathException notAPath) {
                return List.of();
            }
        }
        return List.of();
    }
}
