package dev.agentserver.protocol.acp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.agentserver.protocol.jsonrpc.Validated;
import java.nio.file.Path;
import java.util.List;

/**
 * Params of the methods the agent handles. Each checks its required fields (Gson leaves missing ones
 * null); a failed check is answered -32602. Optional fields may arrive as null or be absent alike.
 */
public final class AgentRequests {

    private AgentRequests() {
    }

    public record InitializeRequest(Integer protocolVersion, ClientCapabilities clientCapabilities,
            Implementation clientInfo) implements Validated {

        @Override
        public void validate() {
            Validated.require(protocolVersion != null, "protocolVersion is required");
        }

        /** The client's capabilities, all false when it sent none. */
        public ClientCapabilities capabilities() {
            return clientCapabilities == null ? ClientCapabilities.NONE : clientCapabilities;
        }
    }

    /** What the client can do for the agent. Anything absent or null is unsupported. */
    public record ClientCapabilities(FileSystemCapabilities fs, Boolean terminal, AuthCapabilities auth,
            JsonObject meta) {

        /** A client that offers nothing, as one that skipped its capabilities. */
        public static final ClientCapabilities NONE = new ClientCapabilities(null, null, null, null);

        public boolean readsTextFiles() {
            return fs != null && Boolean.TRUE.equals(fs.readTextFile());
        }

        public boolean writesTextFiles() {
            return fs != null && Boolean.TRUE.equals(fs.writeTextFile());
        }

        public boolean runsTerminals() {
            return Boolean.TRUE.equals(terminal);
        }

        /** The client can run a {@code type: "terminal"} auth method. */
        public boolean runsTerminalAuth() {
            return auth != null && Boolean.TRUE.equals(auth.terminal());
        }

        /** The older convention: {@code _meta: {"terminal-auth": true}} asks for a full login command. */
        public boolean wantsTerminalAuthCommand() {
            JsonElement flag = meta == null ? null : meta.get("terminal-auth");
            return flag instanceof JsonPrimitive p && p.isBoolean() && p.getAsBoolean();
        }
    }

    public record FileSystemCapabilities(Boolean readTextFile, Boolean writeTextFile) {}

    public record AuthCapabilities(Boolean terminal) {}

    public record AuthenticateRequest(String methodId) implements Validated {
        @Override
        public void validate() {
            Validated.require(methodId != null, "methodId is required");
        }
    }

    /** MCP servers are accepted and not used: this agent has no MCP client. */
    public record NewSessionRequest(String cwd, List<JsonObject> mcpServers, List<String> additionalDirectories)
            implements Validated {
        @Override
        public void validate() {
            requireAbsolute(cwd);
            Validated.require(mcpServers != null, "mcpServers is required");
        }
    }

    public record LoadSessionRequest(String sessionId, String cwd, List<JsonObject> mcpServers,
            List<String> additionalDirectories) implements Validated {
        @Override
        public void validate() {
            Validated.require(sessionId != null, "sessionId is required");
            requireAbsolute(cwd);
            Validated.require(mcpServers != null, "mcpServers is required");
        }
    }

    /** Like load without the replay; here {@code mcpServers} is optional. */
    public record ResumeSessionRequest(String sessionId, String cwd, List<JsonObject> mcpServers,
            List<String> additionalDirectories) implements Validated {
        @Override
        public void validate() {
            Validated.require(sessionId != null, "sessionId is required");
            requireAbsolute(cwd);
        }
    }

    /** Both fields optional: {@code cwd} filters, {@code cursor} continues a paged answer. */
    public record ListSessionsRequest(String cwd, String cursor) implements Validated {
        @Override
        public void validate() {
            if (cwd != null) {
                requireAbsolute(cwd);
            }
        }
    }

    /** Params of {@code session/close} and of the {@code session/cancel} notification. */
    public record SessionRef(String sessionId) implements Validated {
        @Override
        public void validate() {
            Validated.require(sessionId != null, "sessionId is required");
        }
    }

    public record PromptRequest(String sessionId, List<ContentBlock> prompt) implements Validated {
        @Override
        public void validate() {
            Validated.require(sessionId != null, "sessionId is required");
            Validated.require(prompt != null, "prompt is required");
            for (ContentBlock block : prompt) {
                Validated.require(block != null, "a prompt block is null");
                block.validate();
            }
        }
    }

    public record SetSessionModeRequest(String sessionId, String modeId) implements Validated {
        @Override
        public void validate() {
            Validated.require(sessionId != null && modeId != null, "sessionId and modeId are required");
        }
    }

    /** {@code value} is a select option's value, or a boolean when {@code type} is "boolean". */
    public record SetSessionConfigOptionRequest(String sessionId, String configId, String type, JsonPrimitive value)
            implements Validated {
        @Override
        public void validate() {
            Validated.require(sessionId != null && configId != null && value != null,
                    "sessionId, configId and value are required");
            Validated.require("boolean".equals(type) ? value.isBoolean() : value.isString(),
                    "value must be a boolean with type \"boolean\", else a string");
        }
    }

    private static void requireAbsolute(String path) {
        Validated.require(path != null, "cwd is required");
        Validated.require(Path.of(path).isAbsolute(), "cwd must be an absolute path");
    }
}
