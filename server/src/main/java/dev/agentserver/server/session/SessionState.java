package dev.agentserver.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A session's {@code state.json}: the work dir it belongs to, its title and plan mode. Unknown keys
 * written by other implementations are kept.
 */
public final class SessionState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public SessionState(Path file) {
        this.file = file;
    }

    public synchronized ObjectNode read() {
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            return node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (NoSuchFileException e) {
            return JSON.createObjectNode();
        } catch (IOException | RuntimeException unreadable) {
            return JSON.createObjectNode();
        }
    }

    public String workDir() {
        JsonNode value = read().get("work_dir");
        return value == null || value.isNull() ? null : value.asText();
    }

    public String title() {
        JsonNode value = read().get("title");
        return value == null || value.isNull() ? null : value.asText();
    }

    public boolean planMode() {
        return read().path("plan_mode").asBoolean(false);
    }

    public synchronized void update(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode state = read();
        change.accept(state);
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
