package dev.agentserver.server.agent;

import dev.agentserver.server.llm.ChatSink;
import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.TokenUsage;
import dev.agentserver.server.model.ToolCallData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects one streamed model reply while forwarding every delta as an event: text and think deltas are
 * joined into the assistant message the history keeps, tool calls are assembled from their parts.
 */
final class StepReply implements ChatSink {

    private final Consumer<AgentEvent> events;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder think = new StringBuilder();
    private final List<ContentPart> media = new ArrayList<>();
    private final List<PendingCall> calls = new ArrayList<>();
    private TokenUsage usage;
    private String messageId;

    private static final class PendingCall {
        final String id;
        final String name;
        final StringBuilder arguments = new StringBuilder();
        boolean sawArguments;

        PendingCall(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    StepReply(Consumer<AgentEvent> events) {
        this.events = events;
    }

    @Override
    public void text(String delta) {
        text.append(delta);
        events.accept(new AgentEvent.Content(new ContentPart.Text(delta)));
    }

    @Override
    public void think(String delta) {
        think.append(delta);
        events.accept(new AgentEvent.Content(new ContentPart.Think(delta, null)));
    }

    @Override
    public void media(ContentPart.Media part) {
        media.add(part);
        events.accept(new AgentEvent.Content(part));
    }

    @Override
    public void toolCallStart(String id, String name, String arguments) {
        PendingCall call = new PendingCall(id, name);
        if (arguments != null) {
            call.arguments.append(arguments);
            call.sawArguments = true;
        }
        calls.add(call);
        events.accept(new AgentEvent.ToolCallBegin(id, name, arguments));
    }

    @Override
    public void toolCallArguments(String delta) {
        if (calls.isEmpty()) {
            return;
        }
        PendingCall call = calls.getLast();
        if (delta != null) {
            call.arguments.append(delta);
            call.sawArguments = true;
        }
        events.accept(new AgentEvent.ToolCallArguments(delta));
    }

    @Override
    public void messageId(String id) {
        messageId = id;
    }

    @Override
    public void usage(TokenUsage usage) {
        this.usage = usage;
    }

    boolean isEmpty() {
        return text.isEmpty() && think.isEmpty() && media.isEmpty() && calls.isEmpty();
    }

    /** The assistant message content: think first (as the provider sent it), then text, then media. */
    List<ContentPart> content() {
        List<ContentPart> content = new ArrayList<>();
        if (!think.isEmpty()) {
            content.add(new ContentPart.Think(think.toString(), null));
        }
        if (!text.isEmpty()) {
            content.add(new ContentPart.Text(text.toString()));
        }
        content.addAll(media);
        return content;
    }

    List<ToolCallData> toolCalls() {
        return calls.stream()
                .map(c -> new ToolCallData(c.id, c.name, c.sawArguments ? c.arguments.toString() : null))
                .toList();
    }

    TokenUsage usage() {
        return usage;
    }

    String messageId() {
        return messageId;
    }
}
