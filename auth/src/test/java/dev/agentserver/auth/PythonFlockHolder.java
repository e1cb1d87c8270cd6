package dev.agentserver.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code python3} process that holds {@code fcntl.flock(LOCK_EX)} on a lock file, the way the Python
 * implementation locks it, until told to let go; optionally it first writes a credential file the way a
 * rotating Python instance would (temp file, fsync, rename) while still holding the lock.
 */
final class PythonFlockHolder implements AutoCloseable {
    private static final String SCRIPT = """
            import fcntl, os, sys
            lock_path = sys.argv[1]
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX)
            print("locked", flush=True)
            sys.stdin.readline()
            if len(sys.argv) > 3:
                target, content = sys.argv[2], sys.argv[3]
                tmp = target + ".python.tmp"
                with open(tmp, "w") as f:
                    f.write(content)
                    f.flush()
                    os.fsync(f.fileno())
                os.chmod(tmp, 0o600)
                os.replace(tmp, target)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
            print("released", flush=True)
            """;

    private final Process process;
    private final BufferedReader stdout;

    private PythonFlockHolder(Process process) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Returns once Python holds the lock. */
    static PythonFlockHolder lock(Path lockFile) throws IOException {
        return start(List.of(lockFile.toString()));
    }

    /** Returns once Python holds the lock; on {@link #release()} it writes {@code content} to {@code target} first. */
    static PythonFlockHolder lockThenWrite(Path lockFile, Path target, String content) throws IOException {
        return start(List.of(lockFile.toString(), target.toString(), content));
    }

    private static PythonFlockHolder start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", SCRIPT));
        command.addAll(args);
        PythonFlockHolder holder = new PythonFlockHolder(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        holder.expect("locked");
        return holder;
    }

    void release() throws IOException {
        Writer stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        stdin.write("\n");
        stdin.flush();
        expect("released");
    }

    private void expect(String line) throws IOException {
        String read = stdout.readLine();
        if (!line.equals(read)) {
            throw new IOException("python3 said " + read + " where " + line + " was expected");
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
