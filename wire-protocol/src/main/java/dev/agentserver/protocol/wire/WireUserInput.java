package dev.agentserver.protocol.wire;

import java.util.List;

/**
 * {@code user_input}: either a plain string or a list of content parts. Kept in the form the client sent,
 * because {@code TurnBegin} echoes it unchanged.
 */
public sealed interface WireUserInput {

    record Plain(String text) implements WireUserInput {}

    record Parts(List<WireContentPart> parts) implements WireUserInput {

        public Parts {
            parts = List.copyOf(parts);
        }
    }
}
