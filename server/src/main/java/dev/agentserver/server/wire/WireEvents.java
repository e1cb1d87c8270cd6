package dev.agentserver.server.wire;

import dev.agentserver.protocol.wire.WireContentPart;
import dev.agentserver.protocol.wire.WireMessage;
import dev.agentserver.protocol.wire.WirePayloads;
import dev.agentserver.protocol.wire.WireUserInput;
import dev.agentserver.server.agent.AgentEvent;
import dev.agentserver.server.agent.UserInput;
import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.TokenUsage;
import dev.agentserver.server.model.ToolReturn;
import java.util.List;

/**
 * Maps the core's events onto wire messages, field for field as the reference writes them. Used for the
 * live stream and, through the recorder, for {@code wire.jsonl}, so that a replay sends what was sent.
 */
public final class WireEvents {

    private static final WirePayloads.Empty EMPTY = new WirePayloads.Empty();

    private WireEvents() {
    }

    /** The wire message for {@code event}, or null for events the wire protocol does not show. */
    public static WireMessage toWire(AgentEvent event) {
        return switch (event) {
            case AgentEvent.TurnBegin e -> new WireMessage("TurnBegin", new WirePayloads.TurnBegin(input(e.input())));
            case AgentEvent.TurnEnd e -> new WireMessage("TurnEnd", EMPTY);
            case AgentEvent.StepBegin e -> new WireMessage("StepBegin", new WirePayloads.StepBegin(e.n()));
            case AgentEvent.StepInterrupted e -> new WireMessage("StepInterrupted", EMPTY);
            case AgentEvent.StepRetry e -> new WireMessage("StepRetry", new WirePayloads.StepRetry(e.n(),
                    e.nextAttempt(), e.maxAttempts(), e.waitSeconds(), e.errorType(), e.statusCode()));
            case AgentEvent.SteerInput e -> new WireMessage("SteerInput", new WirePayloads.SteerInput(input(e.input())));
            case AgentEvent.Content e -> new WireMessage("ContentPart", part(e.part()));
            case AgentEvent.ToolCallBegin e -> new WireMessage("ToolCall",
                    WirePayloads.ToolCall.of(e.id(), e.name(), e.arguments()));
            case AgentEvent.ToolCallArguments e -> new WireMessage("ToolCallPart", new WirePayloads.ToolCallPart(e.delta()));
            case AgentEvent.ToolCallResult e -> new WireMessage("ToolResult",
                    new WirePayloads.ToolResult(e.toolCallId(), returnValue(e.result())));
            case AgentEvent.Status e -> new WireMessage("StatusUpdate", status(e));
            case AgentEvent.ToolCallReady e -> null;
            case AgentEvent.ToolCallRunning e -> null;
        };
    }

    public static WireUserInput input(UserInput input) {
        return switch (input) {
            case UserInput.Text text -> new WireUserInput.Plain(text.text());
            case UserInput.Parts parts -> new WireUserInput.Parts(parts.content().stream().map(WireEvents::part).toList());
        };
    }

    public static WireContentPart part(ContentPart part) {
        return switch (part) {
            case ContentPart.Text text -> new WireContentPart.Text(text.text());
            case ContentPart.Think think -> new WireContentPart.Think(think.think(), think.encrypted());
            case ContentPart.Media media -> new WireContentPart.Media(media.kind().wireType(), media.url(), media.id());
        };
    }

    public static WirePayloads.ReturnValue returnValue(ToolReturn result) {
        List<Object> display = result.display().stream().map(WireEvents::display).toList();
        return new WirePayloads.ReturnValue(result.isError(), result.output(), result.message(), display, null);
    }

    public static Object display(DisplayBlock block) {
        return switch (block) {
            case DisplayBlock.Brief b -> new WirePayloads.BriefBlock(b.text());
            case DisplayBlock.Diff d -> new WirePayloads.DiffBlock(d.path(), d.oldText(), d.newText(), d.oldStart(),
                    d.newStart(), d.isSummary());
            case DisplayBlock.Shell s -> new WirePayloads.ShellBlock(s.language(), s.command());
            case DisplayBlock.Todo t -> new WirePayloads.TodoBlock(
                    t.items().stream().map(i -> new WirePayloads.TodoItem(i.title(), i.status())).toList());
        };
    }

    private static WirePayloads.StatusUpdate status(AgentEvent.Status status) {
        TokenUsage usage = status.usage();
        WirePayloads.TokenUsage wireUsage = usage == null ? null : new WirePayloads.TokenUsage(usage.inputOther(),
                usage.output(), usage.inputCacheRead(), usage.inputCacheCreation());
        return new WirePayloads.StatusUpdate(status.contextUsage(), status.contextTokens(), status.maxContextTokens(),
                wireUsage, status.messageId(), status.planMode(), null);
    }

    /** The StatusUpdate that {@code set_plan_mode} sends: every field null but plan_mode. */
    public static WireMessage planModeStatus(boolean enabled) {
        return new WireMessage("StatusUpdate",
                new WirePayloads.StatusUpdate(null, null, null, null, null, enabled, null));
    }
}
