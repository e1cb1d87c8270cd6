package dev.agentserver.server.acp;

import dev.agentserver.protocol.acp.AgentResponses.SessionMode;
import dev.agentserver.protocol.acp.AgentResponses.SessionModeState;
import dev.agentserver.protocol.acp.SessionConfigOption;
import dev.agentserver.protocol.acp.SessionConfigOption.SelectOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings an editor shows for a session, as modes and as config options kept in step: the mode
 * ("default" asks before edits and commands, "yolo" approves everything), the model and thinking. Model
 * and thinking are fixed at start-up, so each offers only its current value.
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

    private final ModelInEffect model;

    SessionControls(ModelInEffect model) {
        this.model = model;
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

    SessionModeState modes(boolean yolo) {
        return new SessionModeState(modeId(yolo), MODES);
    }

    /** The complete list, in display order. */
    List<SessionConfigOption> options(boolean yolo) {
        List<SessionConfigOption> options = new ArrayList<>();
        options.add(new SessionConfigOption.Select(MODE_OPTION, "Mode", null, "mode", modeId(yolo),
                MODES.stream().map(m -> new SelectOption(m.id(), m.name(), m.description())).toList()));
        if (model.name() != null) {
            options.add(new SessionConfigOption.Select(MODEL_OPTION, "Model", "Set at start-up (--model)", "model",
                    model.name(), List.of(new SelectOption(model.name(), model.name(), null))));
        }
        String thinking = thinkingValue();
        options.add(new SessionConfigOption.Select(THINKING_OPTION, "Thinking",
                "Set at start-up (--thinking / --no-thinking)", "thought_level", thinking,
                List.of(new SelectOption(thinking, thinking.equals("on") ? "On" : "Off", null))));
        return options;
    }

    /**
     * Checks a {@code set_config_option} value and returns the yolo setting it asks for: the mode's, or
     * {@code currentYolo} for the fixed options, which accept only their current value.
     */
    boolean yoloAfter(String configId, String value, boolean currentYolo) {
        return switch (configId) {
            case MODE_OPTION -> isYolo(value);
            case MODEL_OPTION -> requireCurrent(configId, value, model.name(), currentYolo);
            case THINKING_OPTION -> requireCurrent(configId, value, thinkingValue(), currentYolo);
            default -> throw AcpErrors.invalidParams("Unknown config option: " + configId);
        };
    }

    private static boolean requireCurrent(String configId, String value, String current, boolean currentYolo) {
        if (!Objects.equals(value, current)) {
            throw AcpErrors.invalidParams(configId + " is fixed for this server at " + current
                    + "; restart it with other options to change it");
        }
        return currentYolo;
    }

    private String thinkingValue() {
        return model.thinking() ? "on" : "off";
    }
}
