package dev.agentserver.server.agent;

/** What the client's hooks decided: allow, or block with a reason. */
public record HookVerdict(boolean block, String reason) {

    public static final HookVerdict ALLOW = new HookVerdict(false, "");

    public HookVerdict {
        reason = reason == null ? "" : reason;
    }
}
