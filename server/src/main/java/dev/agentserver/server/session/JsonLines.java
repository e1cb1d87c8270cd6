package dev.agentserver.server.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a JSON Lines file the way every session file is read: a missing file is empty, and blank lines
 * and lines that do not parse (a record cut short by a crash, another tool's garbage) are skipped.
 */
final class JsonLines {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLines.class);

    /** Turns one line into a value, or empty to skip it; may throw for a line that does not parse. */
    @FunctionalInterface
    interface LineParser<T> {
        Optional<T> parse(String line) throws Exception;
    }

    private JsonLines() {
    }

    static <T> List<T> read(Path file, LineParser<T> parser) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<T> values = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                parser.parse(line).ifPresent(values::add);
            } catch (Exception unreadable) {
                LOG.debug("skipped an unreadable line of {}", file);
            }
        }
        return values;
    }
}
