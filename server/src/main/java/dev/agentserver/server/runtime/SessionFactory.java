package dev.agentserver.server.runtime;

import dev.agentserver.server.agent.AgentSession;
import dev.agentserver.server.agent.Conversation;
import dev.agentserver.server.agent.SessionApprovals;
import dev.agentserver.server.agent.Sleeper;
import dev.agentserver.server.agent.TurnSettings;
import dev.agentserver.server.llm.ChatProvider;
import dev.agentserver.server.session.ContextLog;
import dev.agentserver.server.session.SessionFiles;
import dev.agentserver.server.session.SessionStore;
import dev.agentserver.server.session.WireRecorder;
import dev.agentserver.server.tools.CommandRunner;
import dev.agentserver.server.tools.FileAccess;
import dev.agentserver.server.tools.ToolContext;
import dev.agentserver.server.tools.ToolRegistry;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Opens sessions the same way for both front ends: the session directory, the history restored from
 * {@code context.jsonl}, plan mode from {@code state.json}, and a recorder on {@code wire.jsonl}.
 */
public final class SessionFactory {

    private final SessionStore store;
    private final Supplier<ChatProvider> provider;
    private final ToolRegistry tools;
    private final TurnSettings settings;
    private final boolean yolo;
    private final Sleeper sleeper;

    /** @param provider gives the model, or null when none is configured */
    public SessionFactory(SessionStore store, Supplier<ChatProvider> provider, ToolRegistry tools,
            TurnSettings settings, boolean yolo, Sleeper sleeper) {
        this.store = store;
        this.provider = provider;
        this.tools = tools;
        this.settings = settings;
        this.yolo = yolo;
        this.sleeper = sleeper;
    }

    public SessionStore store() {
        return store;
    }

    public OpenedSession open(Path workDir, String sessionId, FileAccess files, CommandRunner commands) {
        SessionFiles sessionFiles = store.open(workDir, sessionId);
        ContextLog contextLog = sessionFiles.contextLog();
        Conversation conversation = new Conversation(contextLog.read(), contextLog);
        WireRecorder recorder = new WireRecorder(sessionFiles.wireLog());
        AgentSession session = new AgentSession(sessionId, provider.get(), tools,
                new ToolContext(workDir, files, commands), conversation, recorder, settings, sleeper,
                new SessionApprovals(yolo));
        session.setPlanMode(sessionFiles.state().planMode());
        return new OpenedSession(session, sessionFiles, recorder);
    }
}
