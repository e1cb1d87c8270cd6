package dev.agentserver.server.model;

/** Token counts of one model call, in the shape both the wire protocol and the session log use. */
public record TokenUsage(long inputOther, long output, long inputCacheRead, long inputCacheCreation) {

    public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0);

    public long inputTotal() {
        return inputOther + inputCacheRead + inputCacheCreation;
    }

    public long total() {
        return inputTotal() + output;
    }
}
