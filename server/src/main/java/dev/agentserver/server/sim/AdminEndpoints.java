package dev.agentserver.server.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /_sim/...}: the fault knobs and counters over HTTP, so that a harness in another process (or
 * another language) can script the simulator. Each knob is a POST with an optional JSON body and answers
 * JSON; see docs/simulator.md for the list.
 */
final class AdminEndpoints implements HttpHandler {

    private final Simulator simulator;

    AdminEndpoints(Simulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/_sim".length());
        String method = exchange.getRequestMethod();
        JsonNode body;
        try {
            body = HttpIo.readJson(exchange);
        } catch (IOException e) {
            HttpIo.sendJson(exchange, 400, message("the body is not JSON"));
            return;
        }
        try {
            ObjectNode answer = method.equals("GET") ? get(path) : post(path, body);
            if (answer == null) {
                HttpIo.sendJson(exchange, 404, message(method + " /_sim" + path + " is not an admin endpoint"));
            } else {
                HttpIo.sendJson(exchange, 200, answer);
            }
        } catch (IllegalArgumentException e) {
            HttpIo.sendJson(exchange, 400, message(e.getMessage()));
        }
    }

    private ObjectNode get(String path) {
        return switch (path) {
            case "/stats" -> simulator.stats().toJson();
            case "/chat-requests" -> {
                ObjectNode answer = HttpIo.JSON.createObjectNode();
                ArrayNode list = answer.putArray("requests");
                for (RecordedChatRequest request : simulator.chatRequests()) {
                    ObjectNode entry = list.addObject();
                    entry.set("headers", HttpIo.JSON.valueToTree(request.headers()));
                    entry.set("body", request.body());
                }
                yield answer;
            }
            default -> null;
        };
    }

    private ObjectNode post(String path, JsonNode body) {
        ObjectNode ok = HttpIo.JSON.createObjectNode().put("ok", true);
        return switch (path) {
            case "/expire-access-tokens" -> ok.put("expired", simulator.expireAccessTokens());
            case "/revoke-refresh-tokens" -> ok.put("revoked", simulator.revokeRefreshTokens());
            case "/issue-tokens" -> OAuthEndpoints.grantJson(simulator.issueTokens());
            case "/chat-faults" -> {
                simulator.failNextChatRequests(count(body), status(body));
                yield ok;
            }
            case "/token-faults" -> {
                simulator.failNextTokenRequests(count(body), status(body));
                yield ok;
            }
            case "/break-streams" -> {
                simulator.breakNextStreams(count(body), nonNegative(body, "after_events", 1));
                yield ok;
            }
            case "/chunk-delay" -> {
                simulator.setChunkDelay(Duration.ofMillis(nonNegative(body, "millis", 0)));
                yield ok;
            }
            case "/scripts" -> {
                simulator.enqueueScripts(scripts(body));
                yield ok.put("queued", simulator.queuedScripts());
            }
            case "/device/approve" -> ok.put("approved", simulator.approveDevice(userCode(body)));
            case "/device/deny" -> ok.put("denied", simulator.denyDevice(userCode(body)));
            case "/device/expire" -> ok.put("expired", simulator.expireDeviceCodes());
            case "/device/slow-down" -> {
                simulator.slowDownNextPolls(count(body));
                yield ok;
            }
            case "/reset-faults" -> {
                simulator.resetFaults();
                yield ok;
            }
            default -> null;
        };
    }

    private static int count(JsonNode body) {
        return nonNegative(body, "count", 1);
    }

    private static int status(JsonNode body) {
        int status = body.path("status").asInt(0);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status (400-599)");
        }
        return status;
    }

    private static int nonNegative(JsonNode body, String field, int fallback) {
        JsonNode value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToInt() || value.intValue() < 0) {
            throw new IllegalArgumentException(field + " must be a whole number of at least 0");
        }
        return value.intValue();
    }

    private static String userCode(JsonNode body) {
        return body.path("user_code").isTextual() ? body.get("user_code").textValue() : null;
    }

    private static List<String> scripts(JsonNode body) {
        if (!body.isArray()) {
            throw new IllegalArgumentException("the body must be a JSON array of script strings");
        }
        List<String> scripts = new ArrayList<>();
        for (JsonNode script : body) {
            if (!script.isTextual()) {
                throw new IllegalArgumentException("every script must be a string");
            }
            scripts.add(script.textValue());
        }
        return scripts;
    }

    private static ObjectNode message(String text) {
        return HttpIo.JSON.createObjectNode().put("error", text);
    }
}
