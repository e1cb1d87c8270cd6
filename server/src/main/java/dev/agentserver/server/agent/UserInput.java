package dev.agentserver.server.agent;

import dev.agentserver.server.model.ContentPart;
import java.util.List;
import java.util.stream.Collectors;

/** What the user sent for a turn or a steer: plain text, or content parts (text and media). */
public sealed interface UserInput {

    record Text(String text) implements UserInput {
        @Override
        public List<ContentPart> parts() {
            return List.of(new ContentPart.Text(text));
        }
    }

    record Parts(List<ContentPart> content) implements UserInput {
        public Parts {
            content = List.copyOf(content);
        }

        @Override
        public List<ContentPart> parts() {
            return content;
        }
    }

    /** The input as content parts, as the model receives it. */
    List<ContentPart> parts();

    /** The text parts joined, e.g. for a session title or a slash command. */
    default String plainText() {
        return parts().stream()
                .filter(ContentPart.Text.class::isInstance)
                .map(p -> ((ContentPart.Text) p).text())
                .collect(Collectors.joining("\n"));
    }
}
