package dev.agentserver.server.sim;

/**
 * Thrown out of a handler to drop the TCP connection on the spot: the JDK HTTP server closes the
 * connection of a handler that fails, without the final empty chunk, which is exactly what a client
 * sees when a stream breaks midway or a server dies before answering.
 */
final class ConnectionAbort extends RuntimeException {

    ConnectionAbort(String why) {
        super(why, null, false, false);
    }
}
