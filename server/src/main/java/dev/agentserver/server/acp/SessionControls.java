package dev.agentserver.server.acp;

import dev.agentserver.protocol.acp.AgentResponses.SessionMode;
import dev.agentserver.protocol.acp.AgentResponses.SessionModeState;
import dev.agentserver.protocol.acp.SessionConfigOption;
import dev.agentserver.protocol.acp.SessionConfigOption.SelectOption;
import dev.agentserver.server.agent.AgentSession;
import dev.agentserver.server.runtime.ModelCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The settings an editor shows for one session, as modes and as config options kept in step: the mode
 * ("default" asks before edits and commands, "yolo" approves everything), the model (any configured
 * one) and thinking (on or off). Changes apply to the session from its next step on.
 */
final class SessionControls {

    static final String DEFAULT_MODE = "default";
    static final String YOLO_MODE = "yolo";
    static final String MODE_OPTION = "mode";
    static final String MODEL_OPTION = "model";
    static final String THINKING_OPTION = "thinking";

    private static final List<SessionMode> MODES = List.of(
            new SessionMode(DEFAULT_MODE, "Default", "Ask before editing files or running commands"),
            new SessionMode(YOLO_MODE, "YOLO", "Approve every action without asking"));

    private final AgentSession session;
    private final ModelCatalog catalog;
    private volatile String modelName;

    SessionControls(AgentSession session, ModelInEffect model, ModelCatalog catalog) {
        this.session = session;
        this.catalog = catalog;
        this.modelName = model.name();
    }

    static String modeId(boolean yolo) {
        return yolo ? YOLO_MODE : DEFAULT_MODE;
    }

    /** Whether {@code modeId} is yolo; an unknown mode is -32602. */
    static boolean isYolo(String modeId) {
        return switch (modeId) {
            case DEFAULT_MODE -> false;
            case YOLO_MODE -> true;
            default -> throw AcpErrors.invalidParams("Unknown mode: " + modeId + " (modes: default, yolo)");
        };
    }

    boolean yolo() {
        return session.approvals().yolo();
    }

    SessionModeState modes() {
        return new SessionModeState(modeId(yolo()), MODES);
    }

    /** The complete list, in display order. */
    List<SessionConfigOption> options() {
        List<SessionConfigOption> options = new ArrayList<>();
        options.add(new SessionConfigOption.Select(MODE_OPTION, "Mode", null, "mode", modeId(yolo()),
                MODES.stream().map(m -> new SelectOption(m.id(), m.name(), m.description())).toList()));
        if (modelName != null) {
            Set<String> names = new LinkedHashSet<>(catalog.names());
            names.add(modelName);
            options.add(new SessionConfigOption.Select(MODEL_OPTION, "Model", null, "model", modelName,
                    names.stream().map(n -> new SelectOption(n, n, null)).toList()));
        }
        options.add(new SessionConfigOption.Select(THINKING_OPTION, "Thinking", null, "thought_level", thinkingValue(),
                List.of(new SelectOption("off", "Off", null), new SelectOption("on", "On", null))));
        return options;
    }

    /**
     * Applies a {@code set_config_option} value; returns true when the mode changed (so that the caller
     * announces it). An unknown option or value is -32602.
     */
    boolean apply(String configId, String value) {
        switch (configId) {
            case MODE_OPTION -> {
                boolean yolo = isYolo(value);
                boolean changed = yolo != yolo();
                session.approvals().setYolo(yolo);
                return changed;
            }
            case MODEL_OPTION -> {
                if (!value.equals(modelName)) {
                    ModelCatalog.Choice choice;
                    try {
                        choice = catalog.open(value).orElseThrow(() -> AcpErrors.invalidParams("Unknown model: " + value));
                    } catch (IllegalArgumentException cannotRun) {
                        throw AcpErrors.invalidParams("Model " + value + " cannot be used: " + cannotRun.getMessage());
                    }
                    session.switchModel(choice.provider(), choice.contextWindow());
                    modelName = value;
                }
                return false;
            }
            case THINKING_OPTION -> {
                switch (value) {
                    case "on" -> session.setThinking(true);
                    case "off" -> session.setThinking(false);
                    default -> throw AcpErrors.invalidParams("thinking is on or off, not " + value);
                }
                return false;
            }
            default -> throw AcpErrors.invalidParams("Unknown config option: " + configId);
        }
    }

    private String thinkingValue() {
        return session.thinking() ? "on" : "off";
    }
}
