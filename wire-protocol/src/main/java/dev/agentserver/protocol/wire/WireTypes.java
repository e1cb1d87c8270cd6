package dev.agentserver.protocol.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.agentserver.protocol.jsonrpc.Validated;
import java.util.List;
import java.util.Locale;

/** Params of the client-to-agent methods, and the answers the client gives to agent requests. */
public final class WireTypes {

    private WireTypes() {
    }

    public record InitializeParams(String protocolVersion, ClientInfo client, List<ExternalTool> externalTools,
            List<HookSubscription> hooks, Capabilities capabilities) implements Validated {

        @Override
        public void validate() {
            Validated.require(protocolVersion != null, "protocol_version is required");
            if (externalTools != null) {
                externalTools.forEach(t -> Validated.require(t != null && t.name() != null, "external tool needs a name"));
            }
            if (hooks != null) {
                hooks.forEach(h -> Validated.require(h != null && h.id() != null && h.event() != null,
                        "hook subscription needs id and event"));
            }
        }
    }

    public record ClientInfo(String name, String version) {}

    public record ExternalTool(String name, String description, JsonObject parameters) {}

    public record HookSubscription(String id, String event, String matcher, Integer timeout) {}

    public record Capabilities(Boolean supportsQuestion, Boolean supportsPlanMode) {}

    /** Params of {@code prompt} and {@code steer}. */
    public record UserInputParams(WireUserInput userInput) implements Validated {

        @Override
        public void validate() {
            Validated.require(userInput != null, "user_input is required");
        }
    }

    /** {@code enabled} is read leniently, as the reference does: true/false, 1/0, "true"/"yes"/"on"... */
    public record SetPlanModeParams(JsonElement enabled) implements Validated {

        @Override
        public void validate() {
            enabledValue();
        }

        public boolean enabledValue() {
            if (enabled instanceof JsonPrimitive p) {
                if (p.isBoolean()) {
                    return p.getAsBoolean();
                }
                if (p.isNumber() && (p.getAsDouble() == 0 || p.getAsDouble() == 1)) {
                    return p.getAsDouble() == 1;
                }
                if (p.isString()) {
                    switch (p.getAsString().trim().toLowerCase(Locale.ROOT)) {
                        case "true", "yes", "on", "1", "y", "t" -> {
                            return true;
                        }
                        case "false", "no", "off", "0", "n", "f" -> {
                            return false;
                        }
                        default -> { }
                    }
                }
            }
            throw new IllegalArgumentException("enabled must be a boolean");
        }
    }

    /** The client's answer to an {@code ApprovalRequest}. */
    public record ApprovalAnswer(String requestId, String response, String feedback) {}

    /** The client's answer to a {@code ToolCallRequest}. */
    public record ToolCallAnswer(String toolCallId, WirePayloads.ReturnValue returnValue) {}
}
