package dev.agentserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialStoreTest {
    private static final CredentialKey KEY = CredentialKey.parse("oauth/kimi-code");
    private static final Credentials PAIR = new Credentials("access-1", "refresh-1",
            Instant.parse("2026-03-01T13:00:00.25Z"), "kimi-code", "Bearer", Duration.ofSeconds(3600));

    @TempDir
    Path dataDir;

    private CredentialStore store() {
        return new CredentialStore(dataDir, temp -> { });
    }

    private Path file() {
        return dataDir.resolve("credentials/kimi-code.json");
    }

    @Test
    void savesAPrivateFileInAPrivateDirectoryAndReadsItBack() throws IOException {
        store().save(KEY, PAIR);

        assertThat(store().read(KEY)).isEqualTo(new StoredCredentials.Present(PAIR));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent()))).isEqualTo("rwx------");
        assertThat(filesIn(file().getParent())).containsExactly("kimi-code.json");
    }

    @Test
    void writesTheFieldsEveryImplementationReads() throws IOException {
        store().save(KEY, PAIR);

        JsonNode written = new ObjectMapper().readTree(file().toFile());
        assertThat(written.get("access_token").asText()).isEqualTo("access-1");
        assertThat(written.get("refresh_token").asText()).isEqualTo("refresh-1");
        assertThat(written.get("expires_at").isNumber()).isTrue();
        assertThat(written.get("expires_at").decimalValue()).isEqualByComparingTo("1772370000.25");
        assertThat(written.get("scope").asText()).isEqualTo("kimi-code");
        assertThat(written.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(written.get("expires_in").asLong()).isEqualTo(3600);
    }

    @Test
    void toleratesMissingScopeFractionalExpiryAndUnknownFields() throws IOException {
        write("""
                {"access_token":"a","refresh_token":"r","expires_at":1772370000.123456,"token_type":"Bearer",
                 "issued_by":{"tool":"other"},"expires_in":null}""");

        Credentials read = store().read(KEY).usable().orElseThrow();

        assertThat(read.expiresAt()).isEqualTo(Instant.parse("2026-03-01T13:00:00.123456Z"));
        assertThat(read.scope()).isNull();
        assertThat(read.expiresIn()).isNull();
        assertThat(read.accessToken()).isEqualTo("a");
    }

    @Test
    void aMissingFileIsAbsent() {
        assertThat(store().read(KEY)).isEqualTo(new StoredCredentials.Absent());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json at all",
            "[\"access_token\"]",
            "{\"access_token\":\"a\"}",
            "{\"access_token\":\"a\",\"refresh_token\":\"\"}",
            "{\"access_token\":7,\"refresh_token\":\"r\"}",
            "{\"access_token\":\"a\",\"refresh_token\":\"r\",\"expires_at\":\"tomorrow\"}",
            "{\"access_token\":\"a\",\"refresh_token\":\"r\",\"expires_at\":1e400}",
            "{\"access_token\":\"a\",\"refresh_token\":\"r\"}{\"access_token\":\"b\",\"refresh_token\":\"s\"}",
            "{\"access_token\":\"a\",\"refresh_tok",
    })
    void aMalformedFileReadsAsNoCredentialsAndIsLeftExactlyAsItIs(String content) throws IOException {
        write(content);
        FileTime modified = Files.getLastModifiedTime(file());

        StoredCredentials read = store().read(KEY);

        assertThat(read).isInstanceOf(StoredCredentials.Malformed.class);
        assertThat(read.usable()).isEmpty();
        assertThat(Files.readString(file())).isEqualTo(content);
        assertThat(Files.getLastModifiedTime(file())).isEqualTo(modified);
    }

    @Test
    void theProblemOfAMalformedFileNeverQuotesItsContent() throws IOException {
        write("{\"access_token\": secret-token-value-1234, \"refresh_token\": \"r\"}");

        StoredCredentials.Malformed malformed = (StoredCredentials.Malformed) store().read(KEY);

        assertThat(malformed.problem()).doesNotContain("secret-token-value-1234");
    }

    @Test
    void beforeTheRenameTheOldFileIsStillWholeAndTheTempFileIsAlreadyPrivate() throws IOException {
        write("{\"access_token\":\"old-a\",\"refresh_token\":\"old-r\"}");
        AtomicReference<String> seenDuringSave = new AtomicReference<>();
        CredentialStore store = new CredentialStore(dataDir, temp -> {
            try {
                seenDuringSave.set(Files.readString(file()) + " | "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });

        store.save(KEY, PAIR);

        assertThat(seenDuringSave.get()).isEqualTo("{\"access_token\":\"old-a\",\"refresh_token\":\"old-r\"} | rw-------");
        assertThat(store.read(KEY).usable()).contains(PAIR);
    }

    @Test
    void aSaveThatFailsBeforeTheRenameLeavesTheOldFileAndNoTempFile() throws IOException {
        write("{\"access_token\":\"old-a\",\"refresh_token\":\"old-r\"}");
        CredentialStore failing = new CredentialStore(dataDir, temp -> {
            throw new IllegalStateException("disk pulled");
        });

        assertThatThrownBy(() -> failing.save(KEY, PAIR)).hasMessage("disk pulled");

        assertThat(Files.readString(file())).isEqualTo("{\"access_token\":\"old-a\",\"refresh_token\":\"old-r\"}");
        assertThat(filesIn(file().getParent())).containsExactly("kimi-code.json");
    }

    @Test
    void aSaveSweepsTempFilesThatAKilledWriterLeftBehind() throws IOException {
        write("{\"access_token\":\"old-a\",\"refresh_token\":\"old-r\"}");
        Files.writeString(file().resolveSibling(".kimi-code.json.123456.tmp"), "{\"access_token\":\"half");
        Files.writeString(file().resolveSibling("unrelated.txt"), "mine");

        store().save(KEY, PAIR);

        assertThat(filesIn(file().getParent())).containsExactlyInAnyOrder("kimi-code.json", "unrelated.txt");
    }

    @Test
    void aSaveTightensACredentialsDirectoryThatWasCreatedOpen() throws IOException {
        Files.createDirectories(file().getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        store().save(KEY, PAIR);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent()))).isEqualTo("rwx------");
    }

    @Test
    void deleteRemovesTheCredentialFileButNeverTheLockFile() throws IOException {
        store().save(KEY, PAIR);
        Path lockFile = store().lockFile(KEY);
        Files.createFile(lockFile);

        assertThat(store().delete(KEY)).isTrue();

        assertThat(file()).doesNotExist();
        assertThat(lockFile).exists();
        assertThat(store().delete(KEY)).isFalse();
    }

    @Test
    void credentialsNeverShowTheirTokens() {
        assertThat(PAIR.toString()).doesNotContain("access-1").doesNotContain("refresh-1").contains("<redacted>");
    }

    @Test
    void keysNameFilesInsideTheCredentialsDirectoryOnly() {
        assertThat(CredentialKey.parse("oauth/kimi-code").name()).isEqualTo("kimi-code");
        assertThat(CredentialKey.parse("kimi-code").name()).isEqualTo("kimi-code");
        for (String hostile : List.of("oauth/../config", "oauth/a/b", "oauth/", "oauth/.hidden")) {
            assertThatThrownBy(() -> CredentialKey.parse(hostile)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private void write(String content) throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), content);
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
