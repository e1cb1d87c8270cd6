package dev.agentserver.auth;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * libc's {@code open}, {@code flock} and {@code close}, called through the foreign function API.
 * <p>
 * {@code FileChannel.lock} is no substitute: on Linux it takes a POSIX record lock ({@code fcntl}), which does
 * not exclude a process holding a {@code flock} on the same file. The Python implementation that shares the
 * credential file uses {@code flock}, so this does too.
 * <p>
 * This is the module's only native code; the launcher and the test runner enable native access for it.
 */
@SuppressWarnings("restricted")
final class NativeFlock {
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    private static final int LOCK_UN = 8;
    private static final int O_RDWR = 2;
    private static final int EINTR = 4;

    /** The values that differ between the two systems this runs on. */
    private record SystemConstants(int oCreat, int oCloexec, int eWouldBlock) {
    }

    private static final SystemConstants CONSTANTS = switch (System.getProperty("os.name")) {
        case "Linux" -> new SystemConstants(0100, 02000000, 11);
        case "Mac OS X" -> new SystemConstants(0x200, 0x1000000, 35);
        default -> null;
    };

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN;
    private static final MethodHandle FLOCK;
    private static final MethodHandle CLOSE;
    private static final MethodHandle STRERROR;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        Linker.Option captureErrno = Linker.Option.captureCallState("errno");
        // open(const char *path, int flags, ...): the mode is the first variadic argument.
        OPEN = linker.downcallHandle(libc.find("open").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
                captureErrno, Linker.Option.firstVariadicArg(2));
        FLOCK = linker.downcallHandle(libc.find("flock").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), captureErrno);
        CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        STRERROR = linker.downcallHandle(libc.find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private NativeFlock() {
    }

    /**
     * Opens (creating, mode 0600) the lock file. Close-on-exec, so that a tool or shell command started by this
     * process does not inherit the descriptor and, with it, the lock.
     *
     * @return the file descriptor
     */
    static int open(Path file) throws IOException {
        if (CONSTANTS == null) {
            throw new IOException("flock(2) locking is only supported on Linux and macOS, not " + System.getProperty("os.name"));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment path = arena.allocateFrom(file.toString());
            int fd = (int) OPEN.invokeExact(state, path, O_RDWR | CONSTANTS.oCreat() | CONSTANTS.oCloexec(), 0600);
            if (fd < 0) {
                throw failure("open " + file, errno(state));
            }
            return fd;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * One non-blocking attempt at the exclusive lock.
     *
     * @return true when this descriptor now holds it, false when another open file description does
     */
    static boolean tryLockExclusive(int fd) throws IOException {
        while (true) {
            int errno = flock(fd, LOCK_EX | LOCK_NB);
            if (errno == 0) {
                return true;
            }
            if (errno == CONSTANTS.eWouldBlock()) {
                return false;
            }
            if (errno != EINTR) {
                throw failure("flock", errno);
            }
        }
    }

    static void unlock(int fd) throws IOException {
        int errno = flock(fd, LOCK_UN);
        if (errno != 0) {
            throw failure("flock(LOCK_UN)", errno);
        }
    }

    /** Also releases a lock the descriptor holds. Its result is not worth checking: the descriptor is gone either way. */
    static void close(int fd) {
        try {
            int ignoredResult = (int) CLOSE.invokeExact(fd);
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** @return 0 on success, else errno */
    private static int flock(int fd, int operation) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int result = (int) FLOCK.invokeExact(state, fd, operation);
            return result == 0 ? 0 : errno(state);
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static IOException failure(String call, int errno) {
        return new IOException(call + ": " + describe(errno) + " (errno " + errno + ")");
    }

    private static String describe(int errno) {
        try {
            MemorySegment message = (MemorySegment) STRERROR.invokeExact(errno);
            return message.reinterpret(Integer.MAX_VALUE).getString(0);
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
