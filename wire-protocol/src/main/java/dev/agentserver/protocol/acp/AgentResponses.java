package dev.agentserver.protocol.acp;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * Results of the methods the agent handles. Methods whose result is empty answer {@code {}} (a
 * {@link JsonObject}), never null.
 */
public final class AgentResponses {

    private AgentResponses() {
    }

    public record InitializeResponse(int protocolVersion, AgentCapabilities agentCapabilities,
            List<AuthMethod> authMethods, Implementation agentInfo) {}

    public record AgentCapabilities(boolean loadSession, PromptCapabilities promptCapabilities,
            McpCapabilities mcpCapabilities, SessionCapabilities sessionCapabilities, AuthCapabilities auth) {}

    /** Which content block types beyond text and resource links a prompt may carry. */
    public record PromptCapabilities(boolean image, boolean audio, boolean embeddedContext) {}

    public record McpCapabilities(boolean http, boolean sse) {}

    /** Each optional session method is advertised by an empty object, and left out when unsupported. */
    public record SessionCapabilities(JsonObject list, JsonObject resume, JsonObject close) {}

    /** {@code logout} is {@code {}} when the agent supports it. */
    public record AuthCapabilities(JsonObject logout) {}

    /**
     * How the user can log in. {@code type} null is the default "agent" kind (done through
     * {@code authenticate}); {@code "terminal"} means the client runs this agent's own command with
     * {@code args} appended in a terminal.
     */
    public record AuthMethod(String id, String name, String description, String type, List<String> args,
            JsonObject meta) {}

    public record NewSessionResponse(String sessionId, SessionModeState modes, List<SessionConfigOption> configOptions) {}

    /** The answer of {@code session/load} and {@code session/resume}. */
    public record SessionSetup(SessionModeState modes, List<SessionConfigOption> configOptions) {}

    public record SessionModeState(String currentModeId, List<SessionMode> availableModes) {}

    public record SessionMode(String id, String name, String description) {}

    /** No {@code nextCursor}: every session comes in one page. */
    public record ListSessionsResponse(List<SessionInfo> sessions, String nextCursor) {}

    /** {@code updatedAt} is ISO 8601. */
    public record SessionInfo(String sessionId, String cwd, String title, String updatedAt) {}

    public record PromptResponse(StopReason stopReason) {}

    public enum StopReason {
        END_TURN,
        MAX_TOKENS,
        MAX_TURN_REQUESTS,
        REFUSAL,
        CANCELLED
    }

    public record SetSessionConfigOptionResponse(List<SessionConfigOption> configOptions) {}
}
