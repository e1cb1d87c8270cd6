package dev.agentserver.server.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The approval state of one session: yolo (approve everything) and the actions the user approved for
 * the rest of the session.
 */
public final class SessionApprovals {

    private final Set<String> approvedActions = ConcurrentHashMap.newKeySet();
    private volatile boolean yolo;

    public SessionApprovals(boolean yolo) {
        this.yolo = yolo;
    }

    public boolean isPreApproved(String action) {
        return yolo || approvedActions.contains(action);
    }

    public void approveForSession(String action) {
        approvedActions.add(action);
    }

    public boolean yolo() {
        return yolo;
    }

    public void setYolo(boolean yolo) {
        this.yolo = yolo;
    }
}
