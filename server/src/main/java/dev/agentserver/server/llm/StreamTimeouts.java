package dev.agentserver.server.llm;

import java.time.Duration;

/**
 * How long a chat call may wait. {@code response}: from sending the request to the response headers
 * (connecting included). {@code idle}: between two reads of the streamed body; a stream silent for
 * longer is dropped and the step retried. Keep-alive comments count as activity.
 */
public record StreamTimeouts(Duration response, Duration idle) {

    public static final StreamTimeouts DEFAULT = new StreamTimeouts(Duration.ofSeconds(120), Duration.ofSeconds(120));
}
