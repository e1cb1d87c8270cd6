package dev.agentserver.protocol.acp;

import java.util.List;

/**
 * A session setting the editor shows as a control, tagged by {@code type} (only selects are sent:
 * this agent offers no boolean options). {@code category} is a UX hint
 * ({@code mode}, {@code model}, {@code thought_level}...). Options are always sent as the complete list.
 */
public sealed interface SessionConfigOption {

    String id();

    record Select(String id, String name, String description, String category, String currentValue,
            List<SelectOption> options) implements SessionConfigOption {}

    record SelectOption(String value, String name, String description) {}
}
