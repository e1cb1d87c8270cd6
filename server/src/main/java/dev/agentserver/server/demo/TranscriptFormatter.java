package dev.agentserver.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns wire-protocol messages into a transcript a person can read: one labelled line per thing that
 * happened. Streamed deltas are gathered (consecutive text, thinking, or the argument parts of a tool call)
 * and printed as one line when something else happens.
 */
final class TranscriptFormatter {

    private static final int LABEL_WIDTH = 10;
    private static final int MAX_OUTPUT_LINES = 8;

    private enum Block { NONE, ASSISTANT, THINKING, TOOL_CALL }

    private final Consumer<String> out;
    private Block open = Block.NONE;
    private final StringBuilder gathered = new StringBuilder();

    TranscriptFormatter(Consumer<String> out) {
        this.out = out;
    }

    /** One message as the server wrote it (event, agent request, or response to the client). */
    void accept(JsonNode message) {
        String method = message.path("method").asText("");
        JsonNode params = message.path("params");
        switch (method) {
            case "event" -> event(params.path("type").asText(), params.path("payload"));
            case "request" -> request(params.path("type").asText(), params.path("payload"));
            default -> {
                if (message.has("result") || message.has("error")) {
                    response(message);
                }
            }
        }
    }

    /** A remark of the demo itself, between protocol messages. */
    void note(String text) {
        line("demo", text);
    }

    /** Prints whatever is still being gathered. */
    void flush() {
        if (open == Block.NONE) {
            return;
        }
        String text = gathered.toString();
        switch (open) {
            case ASSISTANT -> line("assistant", text);
            case THINKING -> line("thinking", text);
            case TOOL_CALL -> line("tool call", text);
            case NONE -> { }
        }
        open = Block.NONE;
        gathered.setLength(0);
    }

    private void event(String type, JsonNode payload) {
        switch (type) {
            case "ContentPart" -> {
                switch (payload.path("type").asText()) {
                    case "text" -> gather(Block.ASSISTANT, payload.path("text").asText());
                    case "think" -> gather(Block.THINKING, payload.path("think").asText());
                    default -> single("assistant", "[" + payload.path("type").asText() + " part]");
                }
            }
            case "ToolCall" -> {
                flush();
                JsonNode function = payload.path("function");
                gather(Block.TOOL_CALL, function.path("name").asText() + " " + textOrEmpty(function.path("arguments")));
            }
            case "ToolCallPart" -> gather(Block.TOOL_CALL, textOrEmpty(payload.path("arguments_part")));
            case "TurnBegin" -> single("you", userInput(payload.path("user_input")));
            case "ToolResult" -> single("tool", toolResult(payload.path("return_value")));
            case "StatusUpdate" -> {
                JsonNode usage = payload.path("token_usage");
                if (usage.isObject()) {
                    single("status", "tokens: " + usage.path("input_other").asLong() + " in ("
                            + usage.path("input_cache_read").asLong() + " cached), " + usage.path("output").asLong() + " out");
                }
            }
            case "StepRetry" -> single("retry", payload.path("error_type").asText() + " "
                    + (payload.path("status_code").isNull() ? "" : payload.path("status_code").asInt() + " ")
                    + "-> attempt " + payload.path("next_attempt").asInt() + " of " + payload.path("max_attempts").asInt()
                    + " in " + payload.path("wait_s").asDouble() + " s");
            case "StepInterrupted" -> single("step", "interrupted by an error");
            case "ApprovalResponse" -> single("approval", "answered: " + payload.path("response").asText());
            default -> flush(); // TurnEnd, StepBegin and the rest add nothing a reader needs
        }
    }

    private void request(String type, JsonNode payload) {
        if (type.equals("ApprovalRequest")) {
            single("approval", payload.path("sender").asText() + " asks to " + payload.path("action").asText()
                    + ": " + payload.path("description").asText());
        } else {
            single("request", type);
        }
    }

    private void response(JsonNode message) {
        if (message.has("error")) {
            JsonNode error = message.path("error");
            single("error", error.path("code").asInt() + " " + error.path("message").asText());
            return;
        }
        JsonNode result = message.path("result");
        if (result.has("protocol_version")) {
            JsonNode server = result.path("server");
            single("server", server.path("name").asText() + " " + server.path("version").asText()
                    + ", wire " + result.path("protocol_version").asText());
        } else if (result.has("status")) {
            single("result", result.path("status").asText()
                    + (result.has("steps") ? " after " + result.path("steps").asInt() + " steps" : ""));
        }
    }

    private void gather(Block block, String text) {
        if (open != block) {
            flush();
            open = block;
        }
        gathered.append(text);
    }

    private void single(String label, String text) {
        flush();
        line(label, text);
    }

    private void line(String label, String text) {
        String indent = " ".repeat(LABEL_WIDTH + 2);
        String[] lines = text.strip().split("\n", -1);
        StringBuilder formatted = new StringBuilder(String.format("%-" + LABEL_WIDTH + "s> ", label)).append(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            formatted.append('\n').append(indent).append(lines[i]);
        }
        out.accept(formatted.toString());
    }

    private static String toolResult(JsonNode returnValue) {
        if (returnValue.path("is_error").asBoolean()) {
            return "error: " + returnValue.path("message").asText();
        }
        String output = returnValue.path("output").isTextual() ? returnValue.path("output").asText()
                : userInput(returnValue.path("output"));
        String[] lines = output.strip().split("\n");
        if (lines.length <= MAX_OUTPUT_LINES) {
            return output.isBlank() ? "(no output) " + returnValue.path("message").asText() : output;
        }
        return String.join("\n", Arrays.copyOf(lines, MAX_OUTPUT_LINES))
                + "\n... (" + (lines.length - MAX_OUTPUT_LINES) + " more lines)";
    }

    /** A user input or tool output: a string, or content parts (text shown, others named). */
    private static String userInput(JsonNode input) {
        if (input.isTextual()) {
            return input.textValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : input) {
            String type = part.path("type").asText();
            text.append(type.equals("text") ? part.path("text").asText() : "[" + type + "]");
        }
        return text.toString();
    }

    private static String textOrEmpty(JsonNode node) {
        return node.isTextual() ? node.textValue() : "";
    }
}
