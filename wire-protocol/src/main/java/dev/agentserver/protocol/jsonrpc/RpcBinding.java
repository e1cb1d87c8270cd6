package dev.agentserver.protocol.jsonrpc;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;

/**
 * How one protocol's pair of annotated interfaces meets lsp4j: the method tables, the dispatch of incoming
 * messages to the local service, and the typed stub of the peer. lsp4j derives all three by reflection
 * ({@code ServiceEndpoints}); reading the {@code @JsonRequest}/{@code @JsonNotification} annotations makes
 * the JDK spin dynamic proxy classes with its ClassFile API at every start, which the AOT cache does not
 * keep, so each protocol writes them out instead. The annotated interfaces stay the source of truth: tests
 * hold every binding equal to what lsp4j's reflection reads from them.
 *
 * @param <L> the interface this side implements
 * @param <R> the interface the peer implements
 */
public abstract class RpcBinding<L, R> {

    private final Class<L> localInterface;
    private final Class<R> remoteInterface;
    private final Map<String, JsonRpcMethod> localMethods;
    private final Map<String, JsonRpcMethod> remoteMethods;

    /** The two method tables are what lsp4j's reflection reads from the two interfaces; see {@link #table}. */
    protected RpcBinding(Class<L> localInterface, Class<R> remoteInterface, Map<String, JsonRpcMethod> localMethods,
            Map<String, JsonRpcMethod> remoteMethods) {
        this.localInterface = localInterface;
        this.remoteInterface = remoteInterface;
        this.localMethods = localMethods;
        this.remoteMethods = remoteMethods;
    }

    public final Class<L> localInterface() {
        return localInterface;
    }

    public final Class<R> remoteInterface() {
        return remoteInterface;
    }

    /** What {@code ServiceEndpoints.getSupportedMethods(localInterface())} yields. */
    public final Map<String, JsonRpcMethod> localMethods() {
        return localMethods;
    }

    /** What {@code ServiceEndpoints.getSupportedMethods(remoteInterface())} yields. */
    public final Map<String, JsonRpcMethod> remoteMethods() {
        return remoteMethods;
    }

    /**
     * Calls {@code local}'s method by its JSON-RPC name, as lsp4j's {@code GenericEndpoint} would. Unknown
     * names (and names of the other kind) go to {@link UnknownMethod}.
     */
    public abstract Endpoint endpoint(L local);

    /** The peer as a typed stub: each method sends its request or notification through {@code remote}. */
    public abstract R remote(Endpoint remote);

    /** A method table keyed by method name. */
    protected static Map<String, JsonRpcMethod> table(JsonRpcMethod... methods) {
        Map<String, JsonRpcMethod> table = HashMap.newHashMap(methods.length);
        for (JsonRpcMethod method : methods) {
            table.put(method.getMethodName(), method);
        }
        return Collections.unmodifiableMap(table);
    }
}
