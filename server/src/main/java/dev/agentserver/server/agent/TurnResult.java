package dev.agentserver.server.agent;

/** How a turn ended when it did not fail. {@code steps} is the number of steps run. */
public record TurnResult(Outcome outcome, int steps) {

    public enum Outcome { FINISHED, CANCELLED, MAX_STEPS_REACHED }
}
