package dev.agentserver.protocol.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import dev.agentserver.protocol.acp.AcpBinding;
import dev.agentserver.protocol.wire.WireBinding;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds each hand-written binding equal to its annotated interfaces, read the way lsp4j reads them: the
 * method tables field by field, and every annotated method (found by reflection, so a new one is covered
 * without touching this test) dispatched by the endpoint and sent by the stub under its annotated name.
 */
class RpcBindingTest {

    static Stream<RpcBinding<?, ?>> bindings() {
        return Stream.of(AcpBinding.INSTANCE, WireBinding.INSTANCE, JsonRpcConnectionTest.ToyBinding.INSTANCE);
    }

    @ParameterizedTest
    @MethodSource("bindings")
    void methodTablesAreWhatLsp4jReadsFromTheAnnotations(RpcBinding<?, ?> binding) {
        assertSameMethods(ServiceEndpoints.getSupportedMethods(binding.localInterface()), binding.localMethods());
        assertSameMethods(ServiceEndpoints.getSupportedMethods(binding.remoteInterface()), binding.remoteMethods());
    }

    @ParameterizedTest
    @MethodSource("bindings")
    void theEndpointCallsEachAnnotatedMethodWithItsArgumentAndReturnsItsFuture(RpcBinding<?, ?> binding) {
        checkEndpoint(binding);
    }

    private static <L> void checkEndpoint(RpcBinding<L, ?> binding) {
        Recorder recorder = new Recorder();
        Endpoint endpoint = binding.endpoint(recorder.as(binding.localInterface()));
        annotated(binding.localInterface()).forEach((name, method) -> {
            recorder.calls.clear();
            Object argument = argumentFor(method);
            Object returned;
            if (isNotification(method)) {
                endpoint.notify(name, argument);
                returned = null;
            } else {
                returned = endpoint.request(name, argument);
            }
            assertEquals(1, recorder.calls.size(), name);
            Call call = recorder.calls.getFirst();
            assertEquals(method, call.method(), name);
            assertEquals(method.getParameterCount(), call.arguments().size(), name);
            if (method.getParameterCount() == 1) {
                assertSame(argument, call.arguments().getFirst(), name);
            }
            assertSame(call.returned(), returned, name);
        });
    }

    @ParameterizedTest
    @MethodSource("bindings")
    void theStubSendsEachAnnotatedMethodOnceUnderItsNameAndReturnsTheEndpointsFuture(RpcBinding<?, ?> binding)
            throws ReflectiveOperationException {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        Object remote = binding.remote(endpoint);
        for (Map.Entry<String, Method> entry : annotated(binding.remoteInterface()).entrySet()) {
            String name = entry.getKey();
            Method method = entry.getValue();
            endpoint.sent.clear();
            Object argument = argumentFor(method);
            Object returned = method.invoke(remote, method.getParameterCount() == 0 ? new Object[0] : new Object[] {argument});
            assertEquals(1, endpoint.sent.size(), name);
            Sent sent = endpoint.sent.getFirst();
            assertEquals(isNotification(method), sent.notification(), name);
            assertEquals(name, sent.method());
            assertSame(argument, sent.params(), name);
            assertSame(sent.returned(), returned, name);
        }
    }

    @ParameterizedTest
    @MethodSource("bindings")
    void objectMethodsOnTheStubSendNothing(RpcBinding<?, ?> binding) {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        Object remote = binding.remote(endpoint);
        remote.toString();
        remote.hashCode();
        assertTrue(remote.equals(remote));
        assertTrue(endpoint.sent.isEmpty());
    }

    /** As lsp4j's GenericEndpoint: an unknown request fails with -32601, an unknown notification is dropped. */
    @ParameterizedTest
    @MethodSource("bindings")
    void unknownMethodsAreNotFoundAndUnknownNotificationsIgnored(RpcBinding<?, ?> binding) {
        checkUnknown(binding);
    }

    private static <L> void checkUnknown(RpcBinding<L, ?> binding) {
        Recorder recorder = new Recorder();
        Endpoint endpoint = binding.endpoint(recorder.as(binding.localInterface()));
        assertMethodNotFound("no/such_method", endpoint.request("no/such_method", null));
        endpoint.notify("no/such_method", null);
        // A name of the other kind is unknown too (InboundDispatcher never delivers one).
        annotated(binding.localInterface()).forEach((name, method) -> {
            if (isNotification(method)) {
                assertMethodNotFound(name, endpoint.request(name, argumentFor(method)));
            } else {
                endpoint.notify(name, argumentFor(method));
            }
        });
        assertTrue(recorder.calls.isEmpty());
    }

    private static void assertMethodNotFound(String name, CompletableFuture<?> future) {
        ResponseErrorException error = assertInstanceOf(ResponseErrorException.class, future.exceptionNow());
        assertEquals(RpcErrorCodes.METHOD_NOT_FOUND, error.getResponseError().getCode());
        assertEquals("Unsupported request method: " + name, error.getResponseError().getMessage());
    }

    /**
     * What a handler throws reaches lsp4j's RemoteEndpoint as itself, as GenericEndpoint passed on the cause
     * of its InvocationTargetException, so the error answer is the same.
     */
    @ParameterizedTest
    @MethodSource("bindings")
    void whatAHandlerThrowsGoesThroughUnwrapped(RpcBinding<?, ?> binding) {
        checkThrows(binding);
    }

    private static <L> void checkThrows(RpcBinding<L, ?> binding) {
        IllegalStateException boom = new IllegalStateException("boom");
        L throwing = binding.localInterface().cast(Proxy.newProxyInstance(RpcBindingTest.class.getClassLoader(),
                new Class<?>[] {binding.localInterface()}, (proxy, method, args) -> {
                    throw boom;
                }));
        Endpoint endpoint = binding.endpoint(throwing);
        annotated(binding.localInterface()).forEach((name, method) -> {
            Object argument = argumentFor(method);
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
                if (isNotification(method)) {
                    endpoint.notify(name, argument);
                } else {
                    endpoint.request(name, argument);
                }
            }, name);
            assertSame(boom, thrown, name);
        });
    }

    private static void assertSameMethods(Map<String, JsonRpcMethod> expected, Map<String, JsonRpcMethod> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, want) -> {
            JsonRpcMethod got = actual.get(name);
            assertEquals(want.getMethodName(), got.getMethodName(), name);
            assertEquals(want.isNotification(), got.isNotification(), name);
            assertArrayEquals(want.getParameterTypes(), got.getParameterTypes(), name);
            assertEquals(want.getReturnType(), got.getReturnType(), name);
            assertEquals(adapterClass(want), adapterClass(got), name);
        });
    }

    private static Class<?> adapterClass(JsonRpcMethod method) {
        return method.getReturnTypeAdapterFactory() == null ? null : method.getReturnTypeAdapterFactory().getClass();
    }

    /** The interface's annotated methods by JSON-RPC name; the names are checked against lsp4j's reading. */
    private static Map<String, Method> annotated(Class<?> type) {
        Map<String, Method> methods = new LinkedHashMap<>();
        for (Method method : type.getMethods()) {
            JsonRequest request = method.getAnnotation(JsonRequest.class);
            JsonNotification notification = method.getAnnotation(JsonNotification.class);
            String value = request != null ? request.value() : notification != null ? notification.value() : null;
            if (value != null) {
                methods.put(value.isEmpty() ? method.getName() : value, method);
            }
        }
        assertEquals(ServiceEndpoints.getSupportedMethods(type).keySet(), methods.keySet());
        return methods;
    }

    private static boolean isNotification(Method method) {
        return method.isAnnotationPresent(JsonNotification.class);
    }

    /**
     * A fresh instance of the method's parameter type, or null when it takes none (as lsp4j passes then).
     * Gson makes it without running any validation: records get nulls, other classes no constructor call.
     */
    private static Object argumentFor(Method method) {
        return method.getParameterCount() == 0 ? null : new Gson().fromJson("{}", method.getGenericParameterTypes()[0]);
    }

    private record Call(Method method, List<Object> arguments, Object returned) {}

    /** An implementation of any interface that records each call and returns a fresh future. */
    private static final class Recorder implements InvocationHandler {
        final List<Call> calls = new ArrayList<>();

        <T> T as(Class<T> type) {
            return type.cast(Proxy.newProxyInstance(RpcBindingTest.class.getClassLoader(), new Class<?>[] {type}, this));
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            Object returned = method.getReturnType() == CompletableFuture.class ? new CompletableFuture<>() : null;
            calls.add(new Call(method, args == null ? List.of() : List.of(args), returned));
            return returned;
        }
    }

    private record Sent(boolean notification, String method, Object params, CompletableFuture<?> returned) {}

    private static final class RecordingEndpoint implements Endpoint {
        final List<Sent> sent = new ArrayList<>();

        @Override
        public CompletableFuture<?> request(String method, Object parameter) {
            CompletableFuture<?> future = new CompletableFuture<>();
            sent.add(new Sent(false, method, parameter, future));
            return future;
        }

        @Override
        public void notify(String method, Object parameter) {
            sent.add(new Sent(true, method, parameter, null));
        }
    }
}
