package dev.agentserver.server.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileAccessTest {

    @TempDir
    Path dir;

    private final LocalFileAccess files = new LocalFileAccess();

    @Test
    void writesUtf8AndCreatesParentDirectories() throws Exception {
        Path file = dir.resolve("a/b/c.txt");

        files.writeText(file, "naïve ✓");

        assertEquals("naïve ✓", Files.readString(file));
        assertEquals("naïve ✓", files.readText(file));
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> files.readText(dir.resolve("missing")));
    }

    @Test
    void refusesToGuessAtBytesThatAreNotUtf8() throws Exception {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, new byte[] {'c', 'a', 'f', (byte) 0xE9});

        assertThrows(CharacterCodingException.class, () -> files.readText(file));
    }

    @Test
    void keepsPermissionsAndSymbolicLinks() throws Exception {
        Path script = dir.resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Path link = Files.createSymbolicLink(dir.resolve("link.sh"), script);

        files.writeText(link, "#!/bin/sh\necho changed\n");

        assertTrue(Files.isSymbolicLink(link));
        assertEquals("#!/bin/sh\necho changed\n", Files.readString(script));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(script)));
    }
}
