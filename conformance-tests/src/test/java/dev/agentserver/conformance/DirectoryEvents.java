package dev.agentserver.conformance;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** Completes a future at the first file creation (or rename into) in a directory whose name matches. */
public final class DirectoryEvents implements AutoCloseable {

    private final WatchService watcher;
    private final CompletableFuture<String> first = new CompletableFuture<>();

    public DirectoryEvents(Path directory, Predicate<String> name) throws IOException {
        watcher = directory.getFileSystem().newWatchService();
        directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        Thread.ofPlatform().daemon().name("directory-events").start(() -> {
            try {
                while (!first.isDone()) {
                    WatchKey key = watcher.take();
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.context() instanceof Path p && name.test(p.toString())) {
                            first.complete(p.toString());
                        }
                    }
                    key.reset();
                }
            } catch (InterruptedException | ClosedWatchServiceException stopped) {
                // closed
            }
        });
    }

    public CompletableFuture<String> first() {
        return first;
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}
