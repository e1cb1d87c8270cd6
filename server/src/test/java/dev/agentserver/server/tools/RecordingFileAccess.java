package dev.agentserver.server.tools;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An in-memory {@link FileAccess} that records its calls, to prove that tools go through the context's files. */
final class RecordingFileAccess implements FileAccess {

    final Map<Path, String> files = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public synchronized String readText(Path path) throws NoSuchFileException {
        calls.add("read " + path);
        String text = files.get(path);
        if (text == null) {
            throw new NoSuchFileException(path.toString());
        }
        return text;
    }

    @Override
    public synchronized void writeText(Path path, String content) {
        calls.add("write " + path);
        files.put(path, content);
    }
}
