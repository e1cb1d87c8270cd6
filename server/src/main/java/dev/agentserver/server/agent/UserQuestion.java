package dev.agentserver.server.agent;

import java.util.List;

/** One multiple-choice question the model asks the user. */
public record UserQuestion(String question, String header, List<Option> options, boolean multiSelect) {

    public UserQuestion {
        header = header == null ? "" : header;
        options = List.copyOf(options);
    }

    public record Option(String label, String description) {
        public Option {
            description = description == null ? "" : description;
        }
    }
}
