package dev.agentserver.server.acp;

import dev.agentserver.protocol.acp.AcpClient;
import dev.agentserver.protocol.acp.ClientRequests.SessionNotification;
import dev.agentserver.protocol.acp.SessionUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends one session's {@code session/update} notifications. A client that has gone away is not an error here. */
final class SessionUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(SessionUpdates.class);

    private final AcpClient client;
    private final String sessionId;

    SessionUpdates(AcpClient client, String sessionId) {
        this.client = client;
        this.sessionId = sessionId;
    }

    void send(SessionUpdate update) {
        try {
            client.sessionUpdate(new SessionNotification(sessionId, update));
        } catch (RuntimeException closed) {
            LOG.debug("could not send a session update: {}", closed.getMessage());
        }
    }
}
