package dev.agentserver.server.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The server's one Jackson mapper, with the default configuration (thread-safe once made). It is made
 * when first read: the first ObjectMapper of a process costs ~20 ms, which must not land on the path to the
 * {@code initialize} answer, so classes on that path reach for it in methods, never in static fields.
 */
public final class SharedMapper {

    public static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private SharedMapper() {
    }
}
