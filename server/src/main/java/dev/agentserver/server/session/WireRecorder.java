package dev.agentserver.server.session;

import dev.agentserver.protocol.wire.WireMessage;
import dev.agentserver.protocol.wire.WirePayloads;
import dev.agentserver.server.agent.AgentEvent;
import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.wire.WireEvents;
import java.util.function.Consumer;

/**
 * Writes a turn's events to {@code wire.jsonl} merged, as the reference does: consecutive text deltas
 * become one content part, consecutive think deltas likewise, and a tool call with its argument parts
 * becomes one {@code ToolCall} with the whole arguments. Any other event flushes what is pending.
 */
public final class WireRecorder implements Consumer<AgentEvent> {

    private final WireLog log;
    private StringBuilder text;
    private StringBuilder think;
    private String callId;
    private String callName;
    private StringBuilder callArguments;

    public WireRecorder(WireLog log) {
        this.log = log;
    }

    @Override
    public synchronized void accept(AgentEvent event) {
        switch (event) {
            case AgentEvent.Content c when c.part() instanceof ContentPart.Text t -> {
                if (text == null) {
                    flush();
                    text = new StringBuilder();
                }
                text.append(t.text());
            }
            case AgentEvent.Content c when c.part() instanceof ContentPart.Think t && t.encrypted() == null -> {
                if (think == null) {
                    flush();
                    think = new StringBuilder();
                }
                think.append(t.think());
            }
            case AgentEvent.ToolCallBegin call -> {
                flush();
                callId = call.id();
                callName = call.name();
                callArguments = call.arguments() == null ? null : new StringBuilder(call.arguments());
            }
            case AgentEvent.ToolCallArguments part when callId != null -> {
                if (part.delta() != null) {
                    if (callArguments == null) {
                        callArguments = new StringBuilder();
                    }
                    callArguments.append(part.delta());
                }
            }
            default -> {
                WireMessage message = WireEvents.toWire(event);
                if (message != null) {
                    flush();
                    log.append(message);
                }
            }
        }
    }

    /** Records a message that is not an agent event (a client tool request, a plan-mode status). */
    public synchronized void record(WireMessage message) {
        flush();
        log.append(message);
    }

    private void flush() {
        if (text != null) {
            log.append(new WireMessage("ContentPart", WireEvents.part(new ContentPart.Text(text.toString()))));
            text = null;
        }
        if (think != null) {
            log.append(new WireMessage("ContentPart", WireEvents.part(new ContentPart.Think(think.toString(), null))));
            think = null;
        }
        if (callId != null) {
            log.append(new WireMessage("ToolCall", WirePayloads.ToolCall.of(callId, callName,
                    callArguments == null ? null : callArguments.toString())));
            callId = null;
            callName = null;
            callArguments = null;
        }
    }
}
