package dev.agentserver.server.session;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * A session's {@code state.json}: the work dir it belongs to, its title and plan mode. Unknown keys
 * written by other implementations are kept; a missing or unreadable file reads as empty.
 *
 * <p>Gson, not Jackson: a new wire session writes this file before its {@code initialize} is answered, and
 * Gson is loaded for the protocol anyway while a Jackson mapper costs ~20 ms of start-up to make.
 */
public final class SessionState {

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path file;

    public SessionState(Path file) {
        this.file = file;
    }

    public String workDir() {
        return text(read().get("work_dir"));
    }

    public String title() {
        return text(read().get("title"));
    }

    public boolean planMode() {
        JsonElement value = read().get("plan_mode");
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean() && value.getAsBoolean();
    }

    public void setWorkDir(String workDir) {
        update(state -> state.addProperty("work_dir", workDir));
    }

    public void setTitle(String title) {
        update(state -> state.addProperty("title", title));
    }

    public void setPlanMode(boolean planMode) {
        update(state -> state.addProperty("plan_mode", planMode));
    }

    private synchronized JsonObject read() {
        try {
            return JsonParser.parseString(Files.readString(file)) instanceof JsonObject object ? object : new JsonObject();
        } catch (IOException | RuntimeException missingOrUnreadable) {
            return new JsonObject();
        }
    }

    /** Read, change, and replace the file atomically, so that a reader never sees half a state. */
    private synchronized void update(Consumer<JsonObject> change) {
        JsonObject state = read();
        change.accept(state);
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, PRETTY.toJson(state).getBytes(StandardCharsets.UTF_8));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String text(JsonElement value) {
        return value == null || !value.isJsonPrimitive() ? null : value.getAsString();
    }
}
