package dev.agentserver.server.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes files on this machine as UTF-8. Reading is strict: bytes that are not UTF-8 raise a
 * {@link java.nio.charset.CharacterCodingException} rather than turning into replacement characters that
 * a later write would store for good.
 */
public final class LocalFileAccess implements FileAccess {

    @Override
    public String readText(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    /**
     * Writes in place rather than through a temporary file and a rename: a rename would replace a symbolic
     * link with a plain file and drop the file's permissions (an edited script would lose its execute bit).
     */
    @Override
    public void writeText(Path path, String content) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }
}
