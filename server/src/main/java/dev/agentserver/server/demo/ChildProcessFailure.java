package dev.agentserver.server.demo;

/** A step of the demo went wrong; the message says which and what the child process said. */
final class ChildProcessFailure extends Exception {

    ChildProcessFailure(String message) {
        super(message);
    }
}
