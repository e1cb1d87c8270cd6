package dev.agentserver.server.cli;

/** Entry point of the packaged server. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("agent-server: not yet wired");
        System.exit(2);
    }
}
