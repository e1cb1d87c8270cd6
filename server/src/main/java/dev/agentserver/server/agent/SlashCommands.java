package dev.agentserver.server.agent;

/**
 * The slash commands a prompt can carry ({@code /clear}, {@code /yolo}). They answer with one line of
 * text and never call the model.
 */
final class SlashCommands {

    record Result(String reply) {}

    private SlashCommands() {
    }

    /** Runs the command in {@code input}, or returns null when the input is not a slash command. */
    static Result run(UserInput input, AgentSession session, Conversation conversation) {
        if (!(input instanceof UserInput.Text text) || !text.text().startsWith("/")) {
            return null;
        }
        String command = text.text().substring(1).strip().split("\\s+", 2)[0];
        return switch (command) {
            case "clear", "reset" -> {
                conversation.clear();
                yield new Result("The context has been cleared.");
            }
            case "yolo" -> {
                session.approvals().setYolo(!session.approvals().yolo());
                yield new Result(session.approvals().yolo()
                        ? "You only live once! All actions will be auto-approved."
                        : "Auto-approval is off: actions need your approval again.");
            }
            default -> new Result("Unknown slash command: /" + command);
        };
    }
}
