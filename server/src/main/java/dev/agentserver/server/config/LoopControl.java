package dev.agentserver.server.config;

/** Limits of the agent loop, from {@code [loop_control]}. */
public record LoopControl(int maxStepsPerTurn, int maxRetriesPerStep) {

    public static final LoopControl DEFAULT = new LoopControl(100, 3);
}
