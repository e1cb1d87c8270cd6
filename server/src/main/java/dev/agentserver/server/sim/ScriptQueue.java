package dev.agentserver.server.sim;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/** Echo-DSL scripts waiting for chat requests: each request takes the next one; none left means the default responder. */
final class ScriptQueue {

    private final Deque<String> scripts = new ArrayDeque<>();

    /**
     * Loads a script file: a JSON array of strings, or (as the reference accepts too) plain text with
     * scripts separated by lines holding only {@code ---}.
     */
    static List<String> readFile(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.stripLeading().startsWith("[")) {
            return JsonMapper.builder().build().readValue(text, new TypeReference<List<String>>() { });
        }
        return Arrays.stream(text.split("\n---\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    synchronized void addAll(List<String> more) {
        scripts.addAll(more);
    }

    /** The next script, or null when all were used. */
    synchronized String next() {
        return scripts.pollFirst();
    }

    synchronized int remaining() {
        return scripts.size();
    }
}
