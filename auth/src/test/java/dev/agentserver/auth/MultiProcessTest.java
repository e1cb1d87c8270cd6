package dev.agentserver.auth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real processes on one data directory: JVMs running {@link ProcessWorker}, and python3 holding flock. */
@Timeout(120)
class MultiProcessTest {
    private static final int PROCESSES = 4;

    @TempDir
    Path dataDir;
    private AuthFixture auth;
    private final List<Worker> workers = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        auth = new AuthFixture(dataDir);
    }

    @AfterEach
    void close() {
        workers.forEach(Worker::close);
        auth.close();
    }

    @Test
    void processesRecoveringAtOnceMakeExactlyOneRefreshPerRotationAndTheFileAlwaysParses() throws IOException {
        String[] pair = auth.server.issuePair();
        auth.writeCredentials(pair[0], pair[1], Instant.now().plus(Duration.ofHours(1)));
        for (int i = 0; i < PROCESSES; i++) {
            workers.add(Worker.start(List.of(), "caller", dataDir.toString(), auth.server.baseUri().toString()));
        }
        for (Worker worker : workers) {
            worker.expect("ready");
        }

        for (int rotation = 1; rotation <= 5; rotation++) {
            auth.server.revokeAccessToken();
            workers.forEach(worker -> worker.send("call"));
            int reads = 0;
            for (List<String> answers = new ArrayList<>(); answers.size() < PROCESSES; reads++) {
                for (Worker worker : workers) {
                    worker.pollLine().ifPresent(answers::add);
                }
                assertThat(new CredentialStore(dataDir, temp -> { }).read(AuthFixture.KEY))
                        .as("the file parses at every moment of a rotation")
                        .isInstanceOf(StoredCredentials.Present.class);
                assertThat(answers).allSatisfy(answer -> assertThat(answer).isEqualTo("ok"));
            }
            assertThat(reads).isPositive();
            assertThat(auth.server.refreshRequests()).as("refreshes after rotation " + rotation).isEqualTo(rotation);
            assertThat(auth.onFile().refreshToken()).as("nothing lost").isEqualTo(auth.server.validRefreshToken());
        }
    }

    @Test
    void markersWrittenUnderTheLockByManyProcessesNeverInterleave() throws IOException {
        Path markers = dataDir.resolve("markers.txt");
        int rounds = 100;
        for (int i = 0; i < PROCESSES; i++) {
            workers.add(Worker.start(List.of(), "lock-markers", auth.lockFile().toString(), markers.toString(), "p" + i,
                    String.valueOf(rounds)));
        }
        Files.createDirectories(auth.lockFile().getParent());
        for (Worker worker : workers) {
            worker.expect("ready");
        }
        workers.forEach(worker -> worker.send("go"));
        for (Worker worker : workers) {
            worker.expect("done");
        }

        List<String> lines = Files.readAllLines(markers);
        assertThat(lines).hasSize(PROCESSES * rounds * 2);
        for (int i = 0; i < lines.size(); i += 2) {
            String holder = lines.get(i).substring("begin ".length());
            assertThat(lines.get(i)).startsWith("begin ");
            assertThat(lines.get(i + 1)).as("line " + (i + 1)).isEqualTo("end " + holder);
        }
        assertThat(lines.stream().distinct().count()).as("every process got its turns").isEqualTo(PROCESSES * 2L);
    }

    @Test
    void aPythonFlockHolderMakesTheRefreshWaitAndItsTokensAreAdopted() throws Exception {
        String[] stale = auth.server.issuePair();
        auth.writeCredentials(stale[0], stale[1], Instant.now().minusSeconds(5));
        Files.createDirectories(auth.lockFile().getParent());
        String pythonJson = """
                {"access_token": "at-from-python", "refresh_token": "rt-from-python", "expires_at": %d.25, "scope": "kimi-code", "token_type": "Bearer"}"""
                .formatted(Instant.now().plusSeconds(3600).getEpochSecond());
        AtomicInteger lockPolls = new AtomicInteger();
        Sleeper countingRealSleeper = duration -> {
            lockPolls.incrementAndGet();
            Sleeper.real().sleep(duration);
        };

        try (PythonFlockHolder python = PythonFlockHolder.lockThenWrite(auth.lockFile(), auth.credentialFile(), pythonJson);
             OAuthManager manager = OAuthManager.builder(dataDir).oauthHost(auth.server.baseUri())
                     .clock(Clock.systemUTC()).sleeper(countingRealSleeper).build()) {
            AuthorizedCall<String, RuntimeException> echo = bearer -> bearer;
            CompletableFuture<String> bearer = CompletableFuture.supplyAsync(() -> {
                try {
                    return manager.caller(OAuthManager.KIMI_CODE_OAUTH_KEY, null).call(echo);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, command -> Thread.ofVirtual().start(command));

            await().until(() -> lockPolls.get() >= 3);
            assertThat(bearer).isNotDone();
            python.release();

            assertThat(bearer.join()).isEqualTo("at-from-python");
        }
        assertThat(auth.server.refreshRequests()).isZero();
        assertThat(auth.onFile().refreshToken()).isEqualTo("rt-from-python");
    }

    @Test
    void aLockPathThatCannotBeOpenedMeansNoRefreshAndAClearTransientError() throws IOException {
        String[] pair = auth.server.issuePair();
        auth.writeCredentials(pair[0], pair[1], Instant.now().minusSeconds(5));
        Files.createDirectory(auth.lockFile());
        byte[] before = auth.fileBytes();
        Worker worker = Worker.start(List.of(), "caller", dataDir.toString(), auth.server.baseUri().toString());
        workers.add(worker);
        worker.expect("ready");

        worker.send("call");

        assertThat(worker.readLine()).startsWith("error AuthUnavailableException: cannot open the refresh lock")
                .contains("Is a directory");
        assertThat(auth.server.refreshRequests()).isZero();
        assertThat(auth.fileBytes()).isEqualTo(before);
    }

    @Test
    void aProcessKilledBetweenWritingTheTempFileAndRenamingItLeavesTheOldPairWhole() throws Exception {
        String[] old = auth.server.issuePair();
        auth.writeCredentials(old[0], old[1], Instant.now().minusSeconds(5));
        byte[] before = auth.fileBytes();
        Worker worker = Worker.start(List.of("-D" + ProcessWorker.PAUSE_BEFORE_RENAME + "=true"),
                "caller", dataDir.toString(), auth.server.baseUri().toString());
        workers.add(worker);
        worker.expect("ready");

        worker.send("call");
        String paused = worker.readLine();
        assertThat(paused).startsWith("paused-before-rename ");
        Path temp = Path.of(paused.substring("paused-before-rename ".length()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp))).isEqualTo("rw-------");
        worker.kill();

        assertThat(auth.server.refreshRequests()).as("the refresh itself happened").isEqualTo(1);
        assertThat(auth.fileBytes()).isEqualTo(before);
        assertThat(auth.onFile().refreshToken()).isEqualTo(old[1]);
        try (Stream<Path> files = Files.list(auth.credentialFile().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("kimi-code.json", "kimi-code.lock", temp.getFileName().toString());
        }
    }

    /** A JVM running {@link ProcessWorker} on the test classpath. */
    private static final class Worker implements AutoCloseable {
        private final Process process;
        private final BufferedReader stdout;
        private final Writer stdin;

        private Worker(Process process) {
            this.process = process;
            this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        static Worker start(List<String> jvmOptions, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path")));
            command.addAll(jvmOptions);
            command.add(ProcessWorker.class.getName());
            command.addAll(List.of(args));
            return new Worker(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }

        void send(String line) {
            try {
                stdin.write(line + "\n");
                stdin.flush();
            } catch (IOException e) {
                throw new IllegalStateException("worker gone", e);
            }
        }

        String readLine() throws IOException {
            String line = stdout.readLine();
            if (line == null) {
                throw new IOException("the worker's output ended; alive: " + process.isAlive());
            }
            return line;
        }

        void expect(String line) throws IOException {
            assertThat(readLine()).isEqualTo(line);
        }

        /** The next line when one is already there, without waiting for it. */
        java.util.Optional<String> pollLine() {
            try {
                return stdout.ready() ? java.util.Optional.of(readLine()) : java.util.Optional.empty();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
