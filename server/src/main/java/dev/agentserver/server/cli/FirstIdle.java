package dev.agentserver.server.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The protocol's input, which starts a task the first time the reader is about to wait for the client:
 * by then the {@code initialize} that an editor sends at once has been answered, so work that only the
 * first prompt needs (see {@link LazyHttpClient}) runs while the client is busy, not before its answer.
 */
final class FirstIdle extends FilterInputStream {

    private Runnable task;

    FirstIdle(InputStream in, Runnable task) {
        super(in);
        this.task = task;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (task != null && in.available() == 0) {
            Runnable start = task;
            task = null;
            start.run();
        }
        return in.read(buffer, offset, length);
    }
}
