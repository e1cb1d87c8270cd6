package dev.agentserver.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches {@code credentials/kimi-code.json} with inotify (the JDK's WatchService) for the file
 * invariant: the file is never deleted, never written in place (only replaced by a rename), and every
 * version of it parses as credentials. Each replacement is read and checked as it appears; {@link
 * #assertClean(String)} checks the file once more and fails with every violation seen so far.
 */
public final class CredentialWatch implements AutoCloseable {

    private final Path file;
    private final WatchService watcher;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> refreshTokens = Collections.synchronizedSet(new LinkedHashSet<>());
    private final AtomicLong versions = new AtomicLong();
    private final Thread loop;
    private volatile boolean closed;

    public CredentialWatch(Path file) throws IOException {
        this.file = file;
        this.watcher = file.getFileSystem().newWatchService();
        file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        if (Files.exists(file)) {
            check("at start");
        }
        loop = Thread.ofPlatform().daemon().name("credential-watch").start(this::watch);
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        check("after an event overflow");
                        continue;
                    }
                    Path name = (Path) event.context();
                    if (!name.toString().equals(file.getFileName().toString())) {
                        continue;
                    }
                    if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
                        violations.add("the credential file was deleted (or renamed away)");
                    } else if (event.kind() == StandardWatchEventKinds.ENTRY_MODIFY) {
                        violations.add("the credential file was written in place, not replaced by a rename");
                        check("after an in-place write");
                    } else {
                        check("after a replacement");
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // closed
        }
    }

    /** Reads the file now and records what is wrong with it, if anything. */
    public void check(String when) {
        ConformanceReport.invariantChecks(1);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException gone) {
            violations.add("the credential file is missing " + when);
            return;
        } catch (IOException e) {
            violations.add("the credential file cannot be read " + when + ": " + e);
            return;
        }
        String problem = problem(content);
        if (problem != null) {
            violations.add("the credential file does not parse " + when + ": " + problem);
            return;
        }
        try {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
            if (!mode.equals("rw-------")) {
                violations.add("the credential file has mode " + mode + " " + when);
            }
        } catch (IOException ignored) {
            // replaced meanwhile; the next event checks the new one
        }
        versions.incrementAndGet();
        try {
            refreshTokens.add(ServerProcess.JSON.readTree(content).get("refresh_token").textValue());
        } catch (IOException impossible) {
            // parsed above
        }
    }

    /** Null when {@code content} is usable credentials per INTERFACE.md, else what is wrong. */
    public static String problem(byte[] content) {
        JsonNode node;
        try {
            node = ServerProcess.JSON.readTree(content);
        } catch (IOException e) {
            return "not JSON (" + content.length + " bytes)";
        }
        if (node == null || !node.isObject()) {
            return "not a JSON object";
        }
        for (String field : List.of("access_token", "refresh_token")) {
            if (!node.path(field).isTextual() || node.get(field).textValue().isEmpty()) {
                return field + " is missing or empty";
            }
        }
        if (node.has("expires_at") && !node.get("expires_at").isNumber()) {
            return "expires_at is not a number";
        }
        return null;
    }

    /** Every refresh token the file has held, in order of first appearance. */
    public List<String> refreshTokens() {
        synchronized (refreshTokens) {
            return List.copyOf(refreshTokens);
        }
    }

    public long versionsChecked() {
        return versions.get();
    }

    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /**
     * Checks the file now and fails with every violation seen so far. Once closed (a scenario that breaks the
     * file on purpose), there is nothing more to check.
     */
    public void assertClean(String step) {
        if (closed) {
            return;
        }
        check("after " + step);
        List<String> seen = violations();
        if (!seen.isEmpty()) {
            throw new AssertionError("credential file invariant broken (" + step + "): " + seen);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watcher.close();
        loop.interrupt();
    }
}
