package dev.agentserver.server.agent;

import dev.agentserver.server.llm.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The model-visible history of one session, kept in memory and appended to its log so that
 * {@code --continue}, {@code --session} and ACP {@code session/load} pick it up in a later process.
 */
public final class Conversation {

    /** Where messages are persisted; {@link #NONE} keeps them in memory only. */
    public interface Log {
        void append(ChatMessage message);

        /** Called when the history is cleared, so the persisted copy is cleared too. */
        void clear();

        Log NONE = new Log() {
            @Override
            public void append(ChatMessage message) {
            }

            @Override
            public void clear() {
            }
        };
    }

    private final List<ChatMessage> messages;
    private final Log log;

    public Conversation(List<ChatMessage> restored, Log log) {
        this.messages = new ArrayList<>(restored);
        this.log = log;
    }

    public synchronized void add(ChatMessage message) {
        messages.add(message);
        log.append(message);
    }

    public synchronized List<ChatMessage> snapshot() {
        return List.copyOf(messages);
    }

    public synchronized void clear() {
        messages.clear();
        log.clear();
    }
}
