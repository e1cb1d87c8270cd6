package dev.agentserver.server.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Session directories under {@code <data dir>/sessions/<md5 of the work dir>/<session id>/}, the same
 * layout as Kimi Code CLI's so that its tools and the npm SDK find our sessions and we find theirs.
 */
public final class SessionStore {

    /** Session ids are file names: no separators, no dot-dot. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** A session as listed: its id, work dir (when known), title and last change. */
    public record Summary(String id, String workDir, String title, Instant updatedAt) {}

    private final Path sessionsRoot;
    private final Clock clock;

    public SessionStore(Path shareDir, Clock clock) {
        this.sessionsRoot = shareDir.resolve("sessions");
        this.clock = clock;
    }

    public static boolean isSafeId(String id) {
        return id != null && SAFE_ID.matcher(id).matches() && !id.contains("..");
    }

    /** The md5 hex digest of the work dir's path string, as the reference computes it. */
    public static String workDirHash(Path workDir) {
        return HexFormat.of().formatHex(Md5.digest(workDir.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The session's files, creating its directory and recording its work dir. */
    public SessionFiles open(Path workDir, String id) {
        if (!isSafeId(id)) {
            throw new IllegalArgumentException("invalid session id: " + id);
        }
        Path dir = sessionsRoot.resolve(workDirHash(workDir)).resolve(id);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        SessionFiles files = new SessionFiles(id, dir, clock);
        if (files.state().workDir() == null) {
            files.state().setWorkDir(workDir.toString());
        }
        return files;
    }

    /** The most recently used session of the work dir that has a non-empty log. */
    public Optional<String> latest(Path workDir) {
        Path dir = sessionsRoot.resolve(workDirHash(workDir));
        return sessionDirs(dir)
                .filter(d -> new SessionFiles(d.getFileName().toString(), d, clock).wireLog().hasRecords())
                .max(Comparator.comparing(SessionStore::lastModified))
                .map(d -> d.getFileName().toString());
    }

    /** Finds a session by id in any work dir. */
    public Optional<SessionFiles> find(String id) {
        if (!isSafeId(id)) {
            return Optional.empty();
        }
        return hashDirs()
                .map(h -> h.resolve(id))
                .filter(Files::isDirectory)
                .findFirst()
                .map(d -> new SessionFiles(id, d, clock));
    }

    /** Every session with a non-empty log, newest first; {@code workDir} null lists all work dirs. */
    public List<Summary> list(Path workDir) {
        Stream<Path> hashes = workDir == null ? hashDirs() : Stream.of(sessionsRoot.resolve(workDirHash(workDir)));
        List<Summary> result = new ArrayList<>();
        hashes.flatMap(SessionStore::sessionDirs).forEach(d -> {
            SessionFiles files = new SessionFiles(d.getFileName().toString(), d, clock);
            if (files.wireLog().hasRecords()) {
                SessionState state = files.state();
                result.add(new Summary(files.id(), state.workDir(), state.title(), lastModified(d).toInstant()));
            }
        });
        result.sort(Comparator.comparing(Summary::updatedAt).reversed());
        return result;
    }

    private Stream<Path> hashDirs() {
        return sessionDirs(sessionsRoot);
    }

    private static Stream<Path> sessionDirs(Path parent) {
        if (!Files.isDirectory(parent)) {
            return Stream.empty();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static FileTime lastModified(Path sessionDir) {
        try {
            Path log = sessionDir.resolve("wire.jsonl");
            return Files.getLastModifiedTime(Files.exists(log) ? log : sessionDir);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
