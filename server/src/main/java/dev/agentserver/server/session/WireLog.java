package dev.agentserver.server.session;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentserver.protocol.wire.WireGson;
import dev.agentserver.protocol.wire.WireMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A session's {@code wire.jsonl}: a metadata line with the protocol version when the file is new, then
 * one {@code {"timestamp": seconds, "message": {"type", "payload"}}} record a line.
 */
public final class WireLog {

    public static final String PROTOCOL_VERSION = "1.10";
    /** The version of a file that has no metadata line. */
    public static final String LEGACY_VERSION = "1.1";

    private static final Gson GSON = WireGson.create();

    private final Path file;
    private final Clock clock;

    public WireLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public synchronized void append(WireMessage message) {
        try {
            Files.createDirectories(file.getParent());
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            JsonObject record = new JsonObject();
            record.add("timestamp", GSON.toJsonTree(timestamp()));
            record.add("message", GSON.toJsonTree(message));
            String lines = (fresh ? "{\"type\": \"metadata\", \"protocol_version\": \"" + PROTOCOL_VERSION + "\"}\n" : "")
                    + GSON.toJson(record) + "\n";
            // One write of bytes encoded with replacement: text the client sent with a lone surrogate must
            // neither fail the turn nor leave half a record behind.
            Files.write(file, lines.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** Seconds since the epoch with microseconds, written as a plain decimal (never in exponent form). */
    private BigDecimal timestamp() {
        Instant now = clock.instant();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return BigDecimal.valueOf(micros, 6);
    }

    /**
     * The messages in file order, skipping the metadata line, blank lines and lines that do not parse
     * as a record with a typed message.
     */
    public List<JsonObject> readMessages() {
        return JsonLines.read(file, line -> JsonParser.parseString(line) instanceof JsonObject record
                && record.get("message") instanceof JsonObject message
                && message.has("type") && message.get("type").isJsonPrimitive()
                ? Optional.of(message) : Optional.empty());
    }

    public boolean hasRecords() {
        try {
            return Files.exists(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
