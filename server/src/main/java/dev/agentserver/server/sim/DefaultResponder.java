package dev.agentserver.server.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a chat request when no script is queued, from its last message alone:
 * <ul>
 *   <li>a user message {@code run <command>} calls the {@code Shell} tool with that command;</li>
 *   <li>a user message {@code read <path>} calls the {@code ReadFile} tool with that path;</li>
 *   <li>a tool result is summed up in one sentence that quotes its output;</li>
 *   <li>anything else is echoed back as {@code Echo: <text>}.</li>
 * </ul>
 * A tool is called only when the request offers it. Usage is a rough count (four characters a token).
 */
final class DefaultResponder {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern RUN = Pattern.compile("(?is)^\\s*(?:please\\s+)?run\\s+(.+?)\\s*$");
    private static final Pattern READ = Pattern.compile("(?is)^\\s*(?:please\\s+)?read\\s+(\\S+)\\s*$");
    private static final int MAX_QUOTED_OUTPUT = 2000;

    private DefaultResponder() {
    }

    static ChatReply reply(JsonNode request, String messageId) {
        JsonNode messages = request.path("messages");
        JsonNode last = messages.isArray() && !messages.isEmpty() ? messages.get(messages.size() - 1) : JSON.nullNode();
        String text = textOf(last.path("content"));
        List<ObjectNode> deltas = new ArrayList<>();
        boolean callsTool = false;

        if ("tool".equals(last.path("role").asText())) {
            String output = text.length() > MAX_QUOTED_OUTPUT ? text.substring(0, MAX_QUOTED_OUTPUT) + "..." : text;
            deltas.add(content("The tool returned: " + output.strip()));
        } else {
            Matcher run = RUN.matcher(text);
            Matcher read = READ.matcher(text);
            if (run.matches() && offers(request, "Shell")) {
                String command = unquote(run.group(1));
                deltas.add(JSON.createObjectNode().put("reasoning_content", "The user asked me to run a command."));
                deltas.add(content("Running `" + command + "`."));
                deltas.add(toolCall("Shell", JSON.createObjectNode().put("command", command)));
                callsTool = true;
            } else if (read.matches() && offers(request, "ReadFile")) {
                String path = unquote(read.group(1));
                deltas.add(content("Reading " + path + "."));
                deltas.add(toolCall("ReadFile", JSON.createObjectNode().put("path", path)));
                callsTool = true;
            } else {
                deltas.add(content("Echo: " + text));
            }
        }
        long input = Math.max(1, messages.toString().length() / 4);
        long output = Math.max(1, deltas.toString().length() / 4);
        return new ChatReply.Streamed(messageId, deltas, callsTool, new ChatReply.Usage(input, output, 0, 0));
    }

    private static ObjectNode content(String text) {
        return JSON.createObjectNode().put("content", text);
    }

    private static ObjectNode toolCall(String name, ObjectNode arguments) {
        ObjectNode delta = JSON.createObjectNode();
        ObjectNode call = delta.putArray("tool_calls").addObject()
                .put("index", 0)
                .put("id", "call_sim_" + Long.toHexString(System.nanoTime()))
                .put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments.toString());
        return delta;
    }

    private static boolean offers(JsonNode request, String tool) {
        for (JsonNode entry : request.path("tools")) {
            if (tool.equals(entry.path("function").path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The text of a message's content: a string, or the text parts of a list. */
    private static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    /** Drops one pair of surrounding backticks or quotes, which people put around commands and paths. */
    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2) {
            char first = v.charAt(0);
            char last = v.charAt(v.length() - 1);
            if ((first == '`' || first == '"' || first == '\'') && first == last) {
                return v.substring(1, v.length() - 1);
            }
        }
        return v;
    }
}
