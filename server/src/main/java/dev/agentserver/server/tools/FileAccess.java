package dev.agentserver.server.tools;

import java.io.IOException;
import java.nio.file.Path;

/** Reads and writes whole text files by absolute path. */
public interface FileAccess {

    /** @throws java.nio.file.NoSuchFileException when the file does not exist */
    String readText(Path path) throws IOException;

    /** Creates the file (and its parent directories) if needed. */
    void writeText(Path path, String content) throws IOException;
}
