package dev.agentserver.protocol.jsonrpc;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.Map;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies one inbound line and hands it to lsp4j's endpoint as a typed message, answering itself
 * what lsp4j would get wrong for these protocols: -32700 with a null id for text that is not JSON,
 * -32600 for JSON that is not a message, -32601 / -32602 with the dialect's texts, ids of any numeric
 * size kept exactly, notifications never answered, answers to unknown ids dropped.
 */
final class InboundDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);

    /** lsp4j's own cancellation method; neither protocol has it, so it must not cancel anything here. */
    private static final String LSP_CANCEL = MessageJsonHandler.CANCEL_METHOD.getMethodName();

    private final RpcDialect dialect;
    private final MessageJsonHandler jsonHandler;
    private final IdCarryingRemoteEndpoint endpoint;
    private final LineWriter writer;
    private final Map<String, JsonRpcMethod> localMethods;
    private final IncomingRequests incoming;
    private volatile RequestCancelHandler cancelHandler = (method, params) -> false;

    InboundDispatcher(RpcDialect dialect, MessageJsonHandler jsonHandler, IdCarryingRemoteEndpoint endpoint,
            LineWriter writer, Map<String, JsonRpcMethod> localMethods, IncomingRequests incoming) {
        this.dialect = dialect;
        this.jsonHandler = jsonHandler;
        this.endpoint = endpoint;
        this.writer = writer;
        this.localMethods = localMethods;
        this.incoming = incoming;
    }

    void onRequestCancel(RequestCancelHandler handler) {
        this.cancelHandler = handler;
    }

    void rejectOversized(long bytes, int limit) {
        LOG.warn("dropped an inbound line of {} bytes (limit {})", bytes, limit);
        sendError(null, RpcErrorCodes.INVALID_REQUEST,
                "Request too large: a line of " + bytes + " bytes exceeds the limit of " + limit + " bytes");
    }

    /**
     * Handles one line. Whatever goes wrong with it stays with it: an unexpected failure is logged and
     * answered -32603 with a null id, and the reader goes on to the next line instead of ending the process.
     */
    void dispatch(String line) {
        try {
            classify(line);
        } catch (RuntimeException | StackOverflowError unexpected) {
            LOG.error("failed to handle an inbound line", unexpected);
            sendError(null, RpcErrorCodes.INTERNAL_ERROR, "Internal error");
        }
    }

    private void classify(String line) {
        if (line.isBlank()) {
            if (dialect.blankLineIsParseError()) {
                sendError(null, RpcErrorCodes.PARSE_ERROR, dialect.parseErrorMessage());
            }
            return;
        }
        JsonElement parsed = parseStrict(line);
        if (parsed == null) {
            sendError(null, RpcErrorCodes.PARSE_ERROR, dialect.parseErrorMessage());
            return;
        }
        if (!(parsed instanceof JsonObject message) || !hasValidEnvelope(message)) {
            sendError(null, RpcErrorCodes.INVALID_REQUEST, dialect.invalidRequestMessage());
            return;
        }
        Either<String, Number> id = idOf(message.get("id"));
        String method = message.has("method") && !message.get("method").isJsonNull()
                ? message.get("method").getAsString() : null;
        if (method == null) {
            if (id != null && (message.has("result") || message.has("error"))) {
                deliverResponse(id, message);
            } else {
                LOG.debug("ignored a message with neither method nor result");
            }
        } else if (id == null && method.equals(dialect.requestCancelMethod())) {
            cancelRequest(message.get("params"));
        } else if (id == null) {
            deliverNotification(method, message.get("params"));
        } else {
            deliverRequest(id, method, message.get("params"));
        }
    }

    private static JsonElement parseStrict(String line) {
        try {
            JsonReader reader = new JsonReader(new StringReader(line));
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            return reader.peek() == JsonToken.END_DOCUMENT ? element : null;
        } catch (JsonParseException | IOException | StackOverflowError e) {
            return null;
        }
    }

    private static boolean hasValidEnvelope(JsonObject message) {
        JsonElement version = message.get("jsonrpc");
        if (version != null && !(version.isJsonPrimitive() && "2.0".equals(asString(version)))) {
            return false;
        }
        JsonElement id = message.get("id");
        if (id != null && !id.isJsonNull() && !isId(id)) {
            return false;
        }
        JsonElement method = message.get("method");
        return method == null || method.isJsonNull() || (method instanceof JsonPrimitive p && p.isString());
    }

    /** An id is a JSON string or number; anything else cannot be echoed back as one. */
    private static boolean isId(JsonElement element) {
        return element instanceof JsonPrimitive p && (p.isString() || p.isNumber());
    }

    private static String asString(JsonElement element) {
        return element instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
    }

    /**
     * Keeps the id's JSON type and exact text: strings stay strings, and a number is kept as the digits
     * the client sent (Gson's lazily parsed number), so ids of any size, or odd ones such as {@code 1e99999},
     * are echoed exactly without ever being converted.
     */
    private static Either<String, Number> idOf(JsonElement id) {
        if (id == null || id.isJsonNull()) {
            return null;
        }
        JsonPrimitive p = id.getAsJsonPrimitive();
        return p.isString() ? Either.forLeft(p.getAsString()) : Either.forRight(p.getAsNumber());
    }

    /** The longest method name echoed whole in a -32601; real names are a few dozen characters. */
    static final int ECHOED_METHOD_CHARS = 200;

    /** An unknown method name as the error repeats it: cut, so that a 16 MiB name is not sent back whole. */
    private static String shortened(String method) {
        return method.length() <= ECHOED_METHOD_CHARS ? method
                : method.substring(0, ECHOED_METHOD_CHARS) + "… (" + method.length() + " characters)";
    }

    private void deliverRequest(Either<String, Number> id, String method, JsonElement params) {
        JsonRpcMethod rpcMethod = localMethods.get(method);
        if (rpcMethod == null || rpcMethod.isNotification() || LSP_CANCEL.equals(method)) {
            sendError(id, RpcErrorCodes.METHOD_NOT_FOUND, dialect.methodNotFound().format(shortened(method)));
            return;
        }
        Object typedParams;
        try {
            typedParams = convertParams(rpcMethod, params);
        } catch (RuntimeException invalid) {
            LOG.debug("invalid params for {}: {}", method, invalid.getMessage());
            sendError(id, RpcErrorCodes.INVALID_PARAMS, dialect.invalidParams().format(method));
            return;
        }
        RequestMessage request = new RequestMessage();
        request.setJsonrpc("2.0");
        request.setRawId(id);
        request.setMethod(method);
        request.setParams(typedParams);
        incoming.started(id, method, typedParams);
        endpoint.consume(request);
    }

    /**
     * A request-cancel notification: the service may handle it (a prompt ends "cancelled"); otherwise the
     * handler's future is cancelled through lsp4j's own mechanism, which answers -32800. Unknown or
     * already answered ids are ignored, as for any notification.
     */
    private void cancelRequest(JsonElement params) {
        if (!(params instanceof JsonObject object) || !isId(object.get("requestId"))) {
            LOG.debug("ignored a request cancel without a requestId");
            return;
        }
        IncomingRequests.InFlight request = incoming.find(idOf(object.get("requestId")));
        if (request == null) {
            return;
        }
        if (!cancelHandler.cancel(request.method(), request.params())) {
            org.eclipse.lsp4j.jsonrpc.messages.CancelParams cancel = new org.eclipse.lsp4j.jsonrpc.messages.CancelParams();
            cancel.setRawId(request.id());
            NotificationMessage lspCancel = new NotificationMessage();
            lspCancel.setJsonrpc("2.0");
            lspCancel.setMethod(LSP_CANCEL);
            lspCancel.setParams(cancel);
            endpoint.consume(lspCancel);
        }
    }

    private void deliverNotification(String method, JsonElement params) {
        JsonRpcMethod rpcMethod = localMethods.get(method);
        if (rpcMethod == null || !rpcMethod.isNotification() || LSP_CANCEL.equals(method)) {
            LOG.debug("ignored notification {}", method);
            return;
        }
        Object typedParams;
        try {
            typedParams = convertParams(rpcMethod, params);
        } catch (RuntimeException invalid) {
            LOG.debug("ignored notification {} with invalid params: {}", method, invalid.getMessage());
            return;
        }
        NotificationMessage notification = new NotificationMessage();
        notification.setJsonrpc("2.0");
        notification.setMethod(method);
        notification.setParams(typedParams);
        endpoint.consume(notification);
    }

    /** Gson leaves missing fields null; a declared parameter is therefore required and checked here. */
    private Object convertParams(JsonRpcMethod method, JsonElement params) {
        Type[] types = method.getParameterTypes();
        if (types.length == 0) {
            return null;
        }
        Object converted = jsonHandler.getGson().fromJson(params == null ? JsonNull.INSTANCE : params, types[0]);
        if (converted == null) {
            throw new IllegalArgumentException("params are required");
        }
        if (converted instanceof Validated validated) {
            validated.validate();
        }
        return converted;
    }

    private void deliverResponse(Either<String, Number> id, JsonObject message) {
        String pendingMethod = endpoint.resolveMethod(id.get().toString());
        if (pendingMethod == null) {
            LOG.debug("ignored an answer to unknown request id {}", id.get());
            return;
        }
        ResponseMessage response = new ResponseMessage();
        response.setJsonrpc("2.0");
        response.setRawId(id);
        JsonElement error = message.get("error");
        if (error != null && !error.isJsonNull()) {
            response.setError(toResponseError(error));
        } else {
            try {
                response.setResult(convertResult(pendingMethod, message.get("result")));
            } catch (RuntimeException invalid) {
                response.setError(new ResponseError(RpcErrorCodes.INVALID_PARAMS,
                        "Invalid result for " + pendingMethod + ": " + invalid.getMessage(), null));
            }
        }
        endpoint.consume(response);
    }

    private Object convertResult(String method, JsonElement result) {
        JsonRpcMethod rpcMethod = jsonHandler.getJsonRpcMethod(method);
        Type type = rpcMethod == null ? null : rpcMethod.getReturnType();
        if (type == null || type == Void.class || result == null || result.isJsonNull()) {
            return result == null || result.isJsonNull() ? null : result;
        }
        Object converted = jsonHandler.getGson().fromJson(result, type);
        if (converted instanceof Validated validated) {
            validated.validate();
        }
        return converted;
    }

    private ResponseError toResponseError(JsonElement error) {
        Gson gson = jsonHandler.getGson();
        if (error instanceof JsonObject object) {
            JsonElement code = object.get("code");
            JsonElement text = object.get("message");
            int codeValue = code instanceof JsonPrimitive p && p.isNumber() ? p.getAsInt() : RpcErrorCodes.INTERNAL_ERROR;
            String messageValue = text instanceof JsonPrimitive p && p.isString() ? p.getAsString() : "";
            return new ResponseError(codeValue, messageValue, object.get("data"));
        }
        return new ResponseError(RpcErrorCodes.INTERNAL_ERROR, gson.toJson(error), null);
    }

    private void sendError(Either<String, Number> id, int code, String message) {
        ResponseMessage response = new ResponseMessage();
        response.setJsonrpc("2.0");
        response.setRawId(id);
        response.setError(new ResponseError(code, message, null));
        try {
            writer.consume(response);
        } catch (RuntimeException closed) {
            LOG.debug("could not answer: output closed");
        }
    }
}
