package dev.agentserver.server.tools;

import static dev.agentserver.server.tools.ToolTesting.brief;
import static dev.agentserver.server.tools.ToolTesting.json;
import static dev.agentserver.server.tools.ToolTesting.lines;
import static dev.agentserver.server.tools.ToolTesting.local;
import static dev.agentserver.server.tools.ToolTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.ToolReturn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GrepTest {

    @TempDir
    Path dir;

    private final Grep tool = new Grep();

    @BeforeEach
    void makeTree() throws Exception {
        write("src/Main.java", "class Main {\n  // TODO: start\n}\n");
        write("src/util/Util.java", "// todo lower case\n// TODO: util\n");
        write("notes.md", "TODO: write docs\n");
        write(".git/COMMIT_EDITMSG", "TODO in git\n");
    }

    @Test
    void listsMatchingLinesAsPathLineText() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"TODO\"}");

        assertEquals(List.of("notes.md:1:TODO: write docs", "src/Main.java:2:  // TODO: start",
                "src/util/Util.java:2:// TODO: util"), lines(result.output()));
        assertEquals("Found 3 matches in 3 files.", result.message());
    }

    @Test
    void supportsJavaRegexFlags() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"(?i)todo\\\\b\", \"path\": \"src/util\"}");

        assertEquals(List.of("src/util/Util.java:1:// todo lower case", "src/util/Util.java:2:// TODO: util"),
                lines(result.output()));
    }

    @Test
    void filtersFilesByName() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"TODO\", \"glob\": \"*.{md,txt}\"}");

        assertEquals(List.of("notes.md:1:TODO: write docs"), lines(result.output()));
    }

    @Test
    void aGlobWithASlashFiltersByRelativePath() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"TODO\", \"glob\": \"src/util/**\"}");

        assertEquals(List.of("src/util/Util.java:2:// TODO: util"), lines(result.output()));
    }

    @Test
    void searchesASingleFile() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"start\", \"path\": \"src/Main.java\"}");

        assertEquals("src/Main.java:2:  // TODO: start\n", result.output());
    }

    @Test
    void skipsBinaryFiles() throws Exception {
        Files.write(dir.resolve("blob.bin"), new byte[] {'T', 'O', 'D', 'O', 0, 1});

        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"TODO\"}");

        assertTrue(lines(result.output()).stream().noneMatch(line -> line.startsWith("blob.bin")));
    }

    @Test
    void showsPathsOutsideTheWorkDirInFull() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));

        ToolReturn result = run(tool, local(work), "{\"pattern\": \"docs\", \"path\": \"../notes.md\"}");

        assertEquals(dir.resolve("notes.md") + ":1:TODO: write docs\n", result.output());
    }

    @Test
    void searchesAWorkDirReachedThroughASymbolicLink() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("../" + dir.getFileName() + "-link"), dir);
        try {
            ToolReturn result = run(tool, local(link), "{\"pattern\": \"docs\"}");

            assertEquals("notes.md:1:TODO: write docs\n", result.output());
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void saysWhenNothingMatches() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"FIXME\"}");

        assertEquals(ToolReturn.ok("", "No matches found.", List.of()), result);
    }

    @Test
    void stopsAfterTheMatchLimitAndCutsLongLines() throws Exception {
        write("many.txt", ("hit " + "z".repeat(400) + "\n").repeat(600));

        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"^hit\"}");

        List<String> found = lines(result.output());
        assertEquals(Grep.MAX_MATCHES, found.size());
        assertEquals("many.txt:1:hit " + "z".repeat(Grep.MAX_LINE_CHARS - 4) + "…", found.getFirst());
        assertTrue(result.message().startsWith("Stopped at the first 500 matches"), result.message());
    }

    @Test
    void reportsAMissingPath() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"x\", \"path\": \"nowhere\"}");

        assertTrue(result.isError());
        assertEquals("Path not found", brief(result));
    }

    @Test
    void presentsItselfAsASearch() throws Exception {
        PreparedCall call = tool.prepare(json("{\"pattern\": \"TODO\", \"path\": \"src\"}"), local(dir));

        assertEquals(new ToolPresentation("Grep TODO", "search", List.of(dir.resolve("src"))), call.presentation());
        assertNull(call.approval());
    }

    @Test
    void stopsWhenCancelled() throws Exception {
        PreparedCall call = tool.prepare(json("{\"pattern\": \"TODO\"}"), local(dir));
        CancelSignal cancel = new CancelSignal();
        cancel.cancel();

        assertThrows(CancelSignal.CancelledException.class, () -> call.run(cancel));
    }

    @Test
    void explainsABadRegex() {
        var error = assertThrows(ToolArgumentException.class,
                () -> tool.prepare(json("{\"pattern\": \"(unclosed\"}"), local(dir)));

        assertTrue(error.getMessage().startsWith("`pattern` is not a valid Java regular expression"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"pattern\": \"\"}", "{\"pattern\": \"a\", \"glob\": \"[\"}", "{\"pattern\": \"a\", \"path\": 3}"})
    void rejectsUnusableArguments(String arguments) {
        assertThrows(ToolArgumentException.class, () -> tool.prepare(json(arguments), local(dir)));
    }

    private void write(String relative, String text) throws Exception {
        Files.createDirectories(dir.resolve(relative).getParent());
        Files.writeString(dir.resolve(relative), text);
    }
}
