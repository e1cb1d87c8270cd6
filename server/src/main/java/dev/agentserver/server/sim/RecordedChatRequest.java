package dev.agentserver.server.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/**
 * A chat request as the simulator received it: headers by lower-case name (the Authorization header is
 * left out) and the JSON body.
 */
public record RecordedChatRequest(Map<String, String> headers, JsonNode body) {

    public RecordedChatRequest {
        headers = Map.copyOf(headers);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
