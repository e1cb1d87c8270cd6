package dev.agentserver.protocol.jsonrpc;

import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;

/**
 * lsp4j's remote endpoint (request/response correlation, dispatch to the local service), except that an
 * outgoing request whose params {@link CarriesRequestId carry an id} is sent with that id instead of a
 * counter value.
 */
final class IdCarryingRemoteEndpoint extends org.eclipse.lsp4j.jsonrpc.RemoteEndpoint {

    IdCarryingRemoteEndpoint(MessageConsumer out, Endpoint localEndpoint) {
        super(out, localEndpoint, new RpcExceptions());
    }

    @Override
    protected RequestMessage createRequestMessage(String method, Object parameter) {
        RequestMessage message = super.createRequestMessage(method, parameter);
        message.setJsonrpc("2.0");
        if (parameter instanceof CarriesRequestId carrier) {
            message.setId(carrier.requestId());
        }
        return message;
    }
}
