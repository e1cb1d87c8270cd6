package dev.agentserver.protocol.acp;

import dev.agentserver.protocol.jsonrpc.Validated;

/** The client's answers to the agent's requests; each checks its required fields. */
public final class ClientResponses {

    private ClientResponses() {
    }

    public record RequestPermissionResponse(PermissionOutcome outcome) implements Validated {
        @Override
        public void validate() {
            Validated.require(outcome != null, "outcome is required");
            if (outcome instanceof PermissionOutcome.Selected selected) {
                Validated.require(selected.optionId() != null, "a selected outcome needs optionId");
            }
        }
    }

    /** Tagged by {@code outcome}: an option the user chose, or "cancelled" because the turn is being cancelled. */
    public sealed interface PermissionOutcome {

        record Selected(String optionId) implements PermissionOutcome {}

        record Cancelled() implements PermissionOutcome {}
    }

    public record ReadTextFileResponse(String content) implements Validated {
        @Override
        public void validate() {
            Validated.require(content != null, "content is required");
        }
    }

    public record CreateTerminalResponse(String terminalId) implements Validated {
        @Override
        public void validate() {
            Validated.require(terminalId != null, "terminalId is required");
        }
    }

    /** {@code exitStatus} is present once the command has exited. */
    public record TerminalOutputResponse(String output, Boolean truncated, TerminalExitStatus exitStatus)
            implements Validated {
        @Override
        public void validate() {
            Validated.require(output != null, "output is required");
        }
    }

    /** The answer of {@code wait_for_exit}; {@code exitCode} is null when a signal ended the command. */
    public record TerminalExitStatus(Long exitCode, String signal) {}
}
