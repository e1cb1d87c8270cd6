package dev.agentserver.protocol.wire;

import dev.agentserver.protocol.jsonrpc.CarriesRequestId;

/**
 * The envelope of every wire event and request, {@code {"type": T, "payload": P}}; the same envelope is
 * the {@code message} of a {@code wire.jsonl} record. {@code payload} is one of the records in
 * {@link WirePayloads} (or a JSON element read back from a log).
 */
public record WireMessage(String type, Object payload) {

    /**
     * An agent-to-client request: the same envelope on the wire, sent with {@code id} (the payload's id)
     * as its JSON-RPC id. The id is transient so that it is not written into the params.
     */
    public static final class Request implements CarriesRequestId {

        private final String type;
        private final Object payload;
        private final transient String id;

        public Request(WireMessage message, String id) {
            this.type = message.type();
            this.payload = message.payload();
            this.id = id;
        }

        public String type() {
            return type;
        }

        public Object payload() {
            return payload;
        }

        @Override
        public String requestId() {
            return id;
        }
    }
}
