package dev.agentserver.server.runtime;

import dev.agentserver.server.agent.AgentSession;
import dev.agentserver.server.session.SessionFiles;
import dev.agentserver.server.session.WireRecorder;

/** A session ready to run turns, with its files and the recorder that writes its wire.jsonl. */
public record OpenedSession(AgentSession session, SessionFiles files, WireRecorder recorder) {}
