package dev.agentserver.server.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson mapper of the chat client: request bodies out, SSE data payloads in (thread-safe). */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }
}
