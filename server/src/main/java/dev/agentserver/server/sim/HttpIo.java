package dev.agentserver.server.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The few HTTP chores every simulator endpoint shares: reading forms and JSON, answering JSON. */
final class HttpIo {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private static final int MAX_BODY = 16 * 1024 * 1024;

    private HttpIo() {
    }

    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readNBytes(MAX_BODY);
        }
    }

    /** An {@code application/x-www-form-urlencoded} body, or the query string for a GET. */
    static Map<String, String> readForm(HttpExchange exchange) throws IOException {
        String text = "GET".equals(exchange.getRequestMethod())
                ? exchange.getRequestURI().getRawQuery()
                : new String(readBody(exchange), StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return form;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }

    /** A JSON request body; an empty body reads as an empty object (admin endpoints take optional bodies). */
    static JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange);
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        return JSON.readTree(body);
    }

    static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An OAuth error body (RFC 6749 §5.2): {@code {"error": ..., "error_description": ...}}. */
    static void sendOAuthError(HttpExchange exchange, int status, String error, String description) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("error", error).put("error_description", description);
        sendJson(exchange, status, body);
    }

    /** An OpenAI-style error body: {@code {"error": {"message": ..., "type": ...}}}. */
    static void sendApiError(HttpExchange exchange, int status, String message, String type) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).put("code", status);
        sendJson(exchange, status, body);
    }
}
