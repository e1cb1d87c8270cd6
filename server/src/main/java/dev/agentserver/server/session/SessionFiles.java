package dev.agentserver.server.session;

import java.nio.file.Path;
import java.time.Clock;

/** The files of one session directory. */
public record SessionFiles(String id, Path dir, Clock clock) {

    public WireLog wireLog() {
        return new WireLog(dir.resolve("wire.jsonl"), clock);
    }

    public ContextLog contextLog() {
        return new ContextLog(dir.resolve("context.jsonl"));
    }

    public SessionState state() {
        return new SessionState(dir.resolve("state.json"));
    }
}
