package dev.agentserver.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The credential files under {@code <data dir>/credentials/}. Reads never change anything, whatever they find;
 * saves replace a file in one atomic rename so that a reader (of any implementation, in any process) sees the
 * old pair or the new one and never a mixture; only {@link #delete} removes one, and only logout calls it.
 */
final class CredentialStore {
    private static final Logger log = LoggerFactory.getLogger(CredentialStore.class);
    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;
    /** Runs with the temp file written and synced, before the rename: lets a test kill a writer right there. */
    private final Consumer<Path> beforeRename;

    CredentialStore(Path dataDir, Consumer<Path> beforeRename) {
        this.directory = dataDir.resolve("credentials");
        this.beforeRename = beforeRename;
    }

    Path file(CredentialKey key) {
        return directory.resolve(key.name() + ".json");
    }

    /** The key's lock file, with the private directory it lives in created, so it can be locked before any save. */
    Path lockFile(CredentialKey key) throws IOException {
        return ensurePrivateDirectory().resolve(key.name() + ".lock");
    }

    StoredCredentials read(CredentialKey key) {
        byte[] content;
        try {
            content = Files.readAllBytes(file(key));
        } catch (NoSuchFileException absent) {
            return new StoredCredentials.Absent();
        } catch (IOException unreadable) {
            return new StoredCredentials.Malformed("cannot be read (" + unreadable.getClass().getSimpleName() + ")");
        }
        StoredCredentials stored = CredentialFormat.parse(content);
        if (stored instanceof StoredCredentials.Malformed(String problem)) {
            log.debug("credential file {} is unusable and left as it is: {}", file(key), problem);
        }
        return stored;
    }

    /**
     * Writes a temp file in the same directory (0600 from its creation), syncs it, renames it over the credential
     * file and syncs the directory. Callers hold the key's {@link RefreshLock}: that is what makes it safe to
     * sweep temp files that an earlier writer, killed before its rename, left behind.
     */
    void save(CredentialKey key, Credentials credentials) throws IOException {
        Path dir = ensurePrivateDirectory();
        sweepAbandonedTempFiles(key);
        Path temp = Files.createTempFile(dir, tempPrefix(key), ".tmp", PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap(CredentialFormat.format(credentials));
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            beforeRename.accept(temp);
            Files.move(temp, file(key), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException failed) {
            Files.deleteIfExists(temp);
            throw failed;
        }
        syncDirectory(dir);
    }

    /** Logout's removal of the credential file; the lock file stays, as other processes may be holding it. */
    boolean delete(CredentialKey key) throws IOException {
        return Files.deleteIfExists(file(key));
    }

    private Path ensurePrivateDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
        } else if (!Files.getPosixFilePermissions(directory).equals(PRIVATE_DIRECTORY)) {
            // Tokens are about to live here; a directory someone else created more openly is tightened.
            Files.setPosixFilePermissions(directory, PRIVATE_DIRECTORY);
        }
        return directory;
    }

    private static String tempPrefix(CredentialKey key) {
        return "." + key.name() + ".json.";
    }

    private void sweepAbandonedTempFiles(CredentialKey key) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, tempPrefix(key) + "*.tmp")) {
            for (Path leftover : leftovers) {
                log.debug("removing {}, left behind by a writer that stopped before its rename", leftover);
                Files.deleteIfExists(leftover);
            }
        }
    }

    // Without this the rename could be lost in a power failure even though the new file's content was synced.
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException unsupported) {
            log.debug("could not sync directory {}: {}", dir, unsupported.toString());
        }
    }
}
