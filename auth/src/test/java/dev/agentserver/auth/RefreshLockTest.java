package dev.agentserver.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class RefreshLockTest {
    @TempDir
    Path dir;

    private final FakeTime time = new FakeTime();

    private RefreshLock lock() {
        return new RefreshLock(time, time, new Random(1), RefreshLock.DEFAULT_BUDGET);
    }

    private Path lockFile() {
        return dir.resolve("kimi-code.lock");
    }

    @Test
    void isTakenAndReleasedAndTheLockFileStays() throws Exception {
        try (RefreshLock.Held _ = lock().acquire(lockFile())) {
            assertThat(lockFile()).exists();
        }
        assertThat(lockFile()).exists();
        try (RefreshLock.Held _ = lock().acquire(lockFile())) {
            assertThat(time.sleeps()).isEmpty();
        }
    }

    @Test
    void aSecondHolderPollsWithJitterUntilTheBudgetIsSpentThenFails() throws Exception {
        try (RefreshLock.Held _ = lock().acquire(lockFile())) {
            assertThatThrownBy(() -> lock().acquire(lockFile()))
                    .isInstanceOf(AuthUnavailableException.class)
                    .hasMessageContaining("held by another process");
        }
        Duration waited = time.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(waited).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(31));
        assertThat(time.sleeps()).allSatisfy(pause -> assertThat(pause).isBetween(Duration.ofMillis(20), Duration.ofMillis(100)));
        assertThat(time.sleeps().stream().distinct().count()).as("jittered").isGreaterThan(10);
    }

    @Test
    void theWaiterGetsTheLockOnceTheHolderLetsGo() throws Exception {
        AtomicReference<RefreshLock.Held> holder = new AtomicReference<>(lock().acquire(lockFile()));
        time.duringSleep(pause -> {
            if (time.sleeps().size() == 3) {
                holder.get().close();
            }
        });

        try (RefreshLock.Held _ = lock().acquire(lockFile())) {
            assertThat(time.sleeps()).hasSize(3);
        }
    }

    @Test
    void theDescriptorIsCloseOnExec() throws Exception {
        try (RefreshLock.Held held = lock().acquire(lockFile())) {
            String fdinfo = Files.readString(Path.of("/proc/self/fdinfo/" + held.fileDescriptor()));
            String flags = fdinfo.lines().filter(line -> line.startsWith("flags:")).findFirst().orElseThrow();
            long octalFlags = Long.parseLong(flags.substring("flags:".length()).trim(), 8);
            assertThat(octalFlags & 02000000).as("O_CLOEXEC in " + flags).isNotZero();
        }
    }

    @Test
    void aLockPathThatCannotBeOpenedFailsAtOnce() throws Exception {
        Files.createDirectory(lockFile());

        assertThatThrownBy(() -> lock().acquire(lockFile()))
                .isInstanceOf(AuthUnavailableException.class)
                .hasMessageContaining("cannot open the refresh lock")
                .hasMessageContaining("Is a directory");
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void excludesAndIsExcludedByAnotherProcessUsingFlock() throws Exception {
        try (PythonFlockHolder python = PythonFlockHolder.lock(lockFile())) {
            assertThatThrownBy(() -> lock().acquire(lockFile())).isInstanceOf(AuthUnavailableException.class);
            python.release();
        }
        int pollsSoFar = time.sleeps().size();
        try (RefreshLock.Held _ = lock().acquire(lockFile())) {
            assertThat(time.sleeps()).as("free again at once").hasSize(pollsSoFar);
        }
    }

    @Test
    void isNotExcludedByAJavaFileChannelLockWhichIsADifferentKindOfLock() throws Exception {
        // Shows why FileChannel.lock would not do: a POSIX record lock and a flock do not see each other.
        try (var channel = java.nio.channels.FileChannel.open(lockFile(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var recordLock = channel.lock();
             RefreshLock.Held _ = lock().acquire(lockFile())) {
            assertThat(recordLock.isValid()).isTrue();
            assertThat(time.sleeps()).isEmpty();
        }
    }

    @Test
    void openingAnUnsupportedPathReportsTheErrno() {
        assertThatThrownBy(() -> NativeFlock.open(dir.resolve("missing-dir/kimi-code.lock")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("No such file or directory");
    }
}
