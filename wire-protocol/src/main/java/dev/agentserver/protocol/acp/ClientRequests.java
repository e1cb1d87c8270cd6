package dev.agentserver.protocol.acp;

import java.util.List;

/** Params of what the agent sends the client: session updates, permission questions, fs and terminal calls. */
public final class ClientRequests {

    private ClientRequests() {
    }

    public record SessionNotification(String sessionId, SessionUpdate update) {}

    public record RequestPermissionRequest(String sessionId, PermissionToolCall toolCall,
            List<PermissionOption> options) {}

    /**
     * The tool call being asked about, as a tool call update: the id of a {@code tool_call} already sent,
     * plus what the user should see while deciding (the diff, the command).
     */
    public record PermissionToolCall(String toolCallId, String title, ToolKind kind, ToolCallStatus status,
            List<ToolCallContent> content, List<SessionUpdate.ToolCallLocation> locations) {}

    public record PermissionOption(String optionId, String name, PermissionOptionKind kind) {}

    public enum PermissionOptionKind {
        ALLOW_ONCE,
        ALLOW_ALWAYS,
        REJECT_ONCE,
        REJECT_ALWAYS
    }

    /** {@code path} is absolute; {@code line} (1-based) and {@code limit} pick a range of lines. */
    public record ReadTextFileRequest(String sessionId, String path, Integer line, Integer limit) {}

    public record WriteTextFileRequest(String sessionId, String path, String content) {}

    /**
     * Starts {@code command} with {@code args} in the editor's terminal; the answer comes at once. Past
     * {@code outputByteLimit} the client drops output from the start.
     */
    public record CreateTerminalRequest(String sessionId, String command, List<String> args, List<EnvVariable> env,
            String cwd, Long outputByteLimit) {}

    public record EnvVariable(String name, String value) {}

    /** Params of {@code terminal/output}, {@code wait_for_exit}, {@code kill} and {@code release}. */
    public record TerminalRequest(String sessionId, String terminalId) {}
}
