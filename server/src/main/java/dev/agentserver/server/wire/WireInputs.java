package dev.agentserver.server.wire;

import dev.agentserver.protocol.wire.WireContentPart;
import dev.agentserver.protocol.wire.WireUserInput;
import dev.agentserver.server.agent.UserInput;
import dev.agentserver.server.model.ContentPart;

/** Wire user input to the core's, keeping its form (string or parts) for the TurnBegin echo. */
final class WireInputs {

    private WireInputs() {
    }

    static UserInput toCore(WireUserInput input) {
        return switch (input) {
            case WireUserInput.Plain plain -> new UserInput.Text(plain.text());
            case WireUserInput.Parts parts -> new UserInput.Parts(parts.parts().stream().map(WireInputs::part).toList());
        };
    }

    private static ContentPart part(WireContentPart part) {
        return switch (part) {
            case WireContentPart.Text t -> new ContentPart.Text(t.text());
            case WireContentPart.Think t -> new ContentPart.Think(t.think(), t.encrypted());
            case WireContentPart.Media m -> new ContentPart.Media(ContentPart.MediaKind.fromWireType(m.kind()), m.url(), m.id());
        };
    }
}
