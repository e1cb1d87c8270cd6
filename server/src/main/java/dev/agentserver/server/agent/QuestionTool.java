package dev.agentserver.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.json.SharedMapper;
import dev.agentserver.server.llm.ToolSpec;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.ToolReturn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code AskUserQuestion}: the model asks the user multiple-choice questions through the client. Part of
 * the core rather than the tool registry because it needs the turn's client, and it is offered to the
 * model only when the client can answer.
 */
final class QuestionTool {

    static final String NAME = "AskUserQuestion";

    private QuestionTool() {
    }

    static ToolSpec spec() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode question = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode qProps = question.putObject("properties");
        qProps.putObject("question").put("type", "string").put("description", "The question, ending with '?'.");
        qProps.putObject("header").put("type", "string").put("description", "A very short label for the question.");
        ObjectNode option = JsonNodeFactory.instance.objectNode().put("type", "object");
        option.putObject("properties").putObject("label").put("type", "string");
        ((ObjectNode) option.get("properties")).putObject("description").put("type", "string");
        option.putArray("required").add("label");
        qProps.putObject("options").put("type", "array").set("items", option);
        qProps.putObject("multi_select").put("type", "boolean");
        question.putArray("required").add("question").add("options");
        ObjectNode props = schema.putObject("properties");
        props.putObject("questions").put("type", "array").put("minItems", 1).set("items", question);
        schema.putArray("required").add("questions");
        return new ToolSpec(NAME, "Ask the user one or more multiple-choice questions when a decision is theirs to "
                + "make. Each question offers options; the user picks one (or several with multi_select) or "
                + "dismisses the questions.", schema);
    }

    static ToolReturn run(String toolCallId, String arguments, TurnHost host, CancelSignal cancel)
            throws CancelSignal.CancelledException {
        if (!host.supportsQuestions()) {
            return ToolReturn.error("This client does not support interactive questions. Do NOT call this tool "
                    + "again; decide yourself or ask in your reply.", "Questions not supported");
        }
        List<UserQuestion> questions;
        try {
            questions = parse(arguments);
        } catch (IllegalArgumentException e) {
            return ToolReturn.error("Invalid arguments: " + e.getMessage(), "Invalid arguments");
        }
        Map<String, String> answers = Awaiting.await(host.askQuestions(toolCallId, questions), cancel);
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ObjectNode answerNode = output.putObject("answers");
        answers.forEach(answerNode::put);
        if (answers.isEmpty()) {
            output.put("note", "User dismissed the question without answering.");
        }
        return new ToolReturn(false, output.toString(), "",
                List.of(new DisplayBlock.Brief(answers.isEmpty() ? "Dismissed" : "Answered")));
    }

    private static List<UserQuestion> parse(String arguments) {
        JsonNode root;
        try {
            root = SharedMapper.MAPPER.readTree(arguments == null ? "{}" : arguments);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("arguments are not valid JSON");
        }
        JsonNode list = root.path("questions");
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("questions must be a non-empty list");
        }
        List<UserQuestion> questions = new ArrayList<>();
        for (JsonNode q : list) {
            if (!q.path("question").isTextual()) {
                throw new IllegalArgumentException("each question needs a question text");
            }
            List<UserQuestion.Option> options = new ArrayList<>();
            for (JsonNode o : (q.path("options") instanceof ArrayNode a ? a : JsonNodeFactory.instance.arrayNode())) {
                options.add(new UserQuestion.Option(o.path("label").asText(), o.path("description").asText("")));
            }
            questions.add(new UserQuestion(q.get("question").asText(), q.path("header").asText(""), options,
                    q.path("multi_select").asBoolean(false)));
        }
        return questions;
    }
}
