package dev.agentserver.server.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A snapshot of what the simulator has seen, for assertions such as "exactly one refresh per rotation"
 * ({@code tokens.refreshRequestsByToken} all 1) and "no refresh used an already-rotated token"
 * ({@code tokens.rotatedTokenReuses} 0). {@link #toJson()} is what {@code GET /_sim/stats} answers.
 */
public record SimulatorStats(Device device, Tokens tokens, int tokenEndpointFaults, Chat chat) {

    public record Device(int authorizations, int polls, int approved, int slowDownAnswers, int expiredAnswers) {}

    public record Tokens(
            int issued,
            int validAccessTokens,
            int refreshRequests,
            int refreshSucceeded,
            int refreshRejected,
            int rotatedTokenReuses,
            Map<String, Integer> refreshRequestsByToken) {}

    public record Chat(
            int requests,
            int unauthorized,
            int faultsInjected,
            int completed,
            int streamsBroken,
            int clientAborts,
            int scriptedReplies,
            int defaultReplies) {}

    private static final ObjectMapper SNAKE_CASE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    public ObjectNode toJson() {
        return SNAKE_CASE.valueToTree(this);
    }
}
