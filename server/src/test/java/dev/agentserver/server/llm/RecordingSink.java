package dev.agentserver.server.llm;

import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.TokenUsage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that writes every call down as one line, e.g. {@code text:Hello} or {@code start:call_1:Shell:null}. */
final class RecordingSink implements ChatSink {

    final List<String> events = new CopyOnWriteArrayList<>();
    volatile TokenUsage usage;

    @Override
    public void text(String delta) {
        events.add("text:" + delta);
    }

    @Override
    public void think(String delta) {
        events.add("think:" + delta);
    }

    @Override
    public void media(ContentPart.Media part) {
        events.add("media:" + part.url());
    }

    @Override
    public void toolCallStart(String id, String name, String arguments) {
        events.add("start:" + id + ":" + name + ":" + arguments);
    }

    @Override
    public void toolCallArguments(String delta) {
        events.add("args:" + delta);
    }

    @Override
    public void messageId(String id) {
        events.add("id:" + id);
    }

    @Override
    public void usage(TokenUsage tokenUsage) {
        usage = tokenUsage;
        events.add("usage");
    }

    boolean sawText() {
        return events.stream().anyMatch(e -> e.startsWith("text:"));
    }
}
