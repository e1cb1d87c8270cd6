package dev.agentserver.server.runtime;

import dev.agentserver.server.llm.ChatProvider;
import java.util.List;
import java.util.Optional;

/** The models of the configuration, for front ends that let the user switch a session's model. */
public interface ModelCatalog {

    /** A model ready to use: its configured name, the provider, and its context window (null if unknown). */
    record Choice(String name, ChatProvider provider, Long contextWindow) {}

    /** The configured model names, in configuration order. */
    List<String> names();

    /**
     * The model by name, its provider created on first use.
     *
     * @throws IllegalArgumentException naming why the model cannot be used (unknown, or its provider cannot run)
     */
    Optional<Choice> open(String name);

    ModelCatalog NONE = new ModelCatalog() {
        @Override
        public List<String> names() {
            return List.of();
        }

        @Override
        public Optional<Choice> open(String name) {
            return Optional.empty();
        }
    };
}
