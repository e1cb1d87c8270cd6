package dev.agentserver.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/** What a line on the server's stdout must be: one JSON-RPC 2.0 request, notification or response. */
public final class JsonRpcShape {

    private JsonRpcShape() {
    }

    /** Null when {@code node} is a well-formed JSON-RPC 2.0 message, else what is wrong with it. */
    public static String problem(JsonNode node) {
        if (node == null || !node.isObject()) {
            return "not a JSON object";
        }
        if (!"2.0".equals(node.path("jsonrpc").textValue())) {
            return "no \"jsonrpc\":\"2.0\"";
        }
        JsonNode id = node.get("id");
        if (node.has("method")) {
            if (!node.get("method").isTextual()) {
                return "method is not a string";
            }
            if (node.has("result") || node.has("error")) {
                return "a request or notification with result/error";
            }
            if (id != null && !(id.isTextual() || id.isIntegralNumber())) {
                return "request id is neither a string nor an integer";
            }
            JsonNode params = node.get("params");
            if (params != null && !(params.isObject() || params.isArray())) {
                return "params is neither an object nor an array";
            }
            return null;
        }
        if (id == null) {
            return "neither a method nor an id";
        }
        // Numbers of any form: wire echoes a numeric id exactly as sent (INTERFACE.md), fractions included.
        if (!(id.isTextual() || id.isNumber() || id.isNull())) {
            return "response id is neither a string, a number nor null";
        }
        if (node.has("result") == node.has("error")) {
            return "a response needs exactly one of result and error";
        }
        if (node.has("error")) {
            JsonNode error = node.get("error");
            if (!error.isObject() || !error.path("code").isIntegralNumber() || !error.path("message").isTextual()) {
                return "error is not {code:int, message:string}";
            }
        }
        return null;
    }
}
