package dev.agentserver.protocol.jsonrpc;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;

/**
 * One protocol conversation over a pair of streams: newline-delimited JSON-RPC, the local service
 * dispatched by lsp4j through the protocol's {@link RpcBinding}, and the peer reachable as the binding's
 * typed stub.
 *
 * <p>Handlers run on the reader thread and must return at once (a future completed elsewhere); a
 * handler that waited for the peer would stop the very reader that delivers the peer's answer.
 */
public final class JsonRpcConnection<R> {

    /** Default cap on one inbound line. Large enough for embedded images, small enough to bound memory. */
    public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final MessageJsonHandler jsonHandler;
    private final LineWriter writer;
    private final InboundDispatcher dispatcher;
    private final InputStream in;
    private final int maxLineBytes;
    private final R remote;

    private <L> JsonRpcConnection(RpcBinding<L, R> binding, L localService, RpcDialect dialect,
            Consumer<GsonBuilder> gsonConfig, InputStream in, OutputStream out, int maxLineBytes) {
        Map<String, JsonRpcMethod> methods = new LinkedHashMap<>(binding.localMethods());
        methods.putAll(binding.remoteMethods());
        this.jsonHandler = new MessageJsonHandler(methods, gsonConfig);
        IncomingRequests incoming = new IncomingRequests();
        this.writer = new LineWriter(out, jsonHandler, incoming);
        IdCarryingRemoteEndpoint endpoint = new IdCarryingRemoteEndpoint(writer, binding.endpoint(localService));
        endpoint.setJsonHandler(jsonHandler);
        jsonHandler.setMethodProvider(endpoint);
        this.remote = binding.remote(endpoint);
        this.dispatcher = new InboundDispatcher(dialect, jsonHandler, endpoint, writer, binding.localMethods(), incoming);
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    public static <L, R> JsonRpcConnection<R> create(RpcBinding<L, R> binding, L localService, RpcDialect dialect,
            Consumer<GsonBuilder> gsonConfig, InputStream in, OutputStream out) {
        return new JsonRpcConnection<>(binding, localService, dialect, gsonConfig, in, out, DEFAULT_MAX_LINE_BYTES);
    }

    public static <L, R> JsonRpcConnection<R> create(RpcBinding<L, R> binding, L localService, RpcDialect dialect,
            Consumer<GsonBuilder> gsonConfig, InputStream in, OutputStream out, int maxLineBytes) {
        return new JsonRpcConnection<>(binding, localService, dialect, gsonConfig, in, out, maxLineBytes);
    }

    /** The peer, as a typed stub: requests return futures completed by the peer's answers. */
    public R remote() {
        return remote;
    }

    /** The configured Gson, for converting loosely typed values (e.g. JSON elements) to protocol types. */
    public Gson gson() {
        return jsonHandler.getGson();
    }

    /**
     * Lets the service handle a request-cancel notification itself before the engine cancels the
     * request's future (only for dialects that have one).
     */
    public void onRequestCancel(RequestCancelHandler handler) {
        dispatcher.onRequestCancel(handler);
    }

    /** Reads and dispatches until end of input; returns then. */
    public void run() throws IOException {
        LineReader reader = new LineReader(in, maxLineBytes);
        // instanceof rather than a pattern switch: a type switch is linked at run time by a bootstrap that
        // generates a class, which the AOT cache does not keep, before the first line can be handled.
        while (true) {
            LineReader.Result result = reader.next();
            if (result instanceof LineReader.Line line) {
                dispatcher.dispatch(line.text());
            } else if (result instanceof LineReader.Oversized big) {
                dispatcher.rejectOversized(big.bytes(), maxLineBytes);
            } else {
                return; // LineReader.EndOfInput
            }
        }
    }
}
