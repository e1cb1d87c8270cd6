package dev.agentserver.server.acp;

/**
 * The host of a session's running turn, for news that reaches the session from outside the core: the
 * editor's terminal is created inside a tool run, and the tool call it belongs to must show it.
 */
final class TurnHostSlot {

    private volatile AcpTurnHost host;

    void set(AcpTurnHost turnHost) {
        host = turnHost;
    }

    void clear() {
        host = null;
    }

    void terminalStarted(String terminalId) {
        AcpTurnHost current = host;
        if (current != null) {
            current.terminalStarted(terminalId);
        }
    }
}
