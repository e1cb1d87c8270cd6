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

class GlobTest {

    @TempDir
    Path dir;

    private final Glob tool = new Glob();

    @BeforeEach
    void makeTree() throws Exception {
        for (String file : List.of("Top.java", "README.md", "src/Main.java", "src/util/Util.java", "docs/guide.md")) {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.writeString(dir.resolve(file), file);
        }
    }

    @Test
    void doubleStarMatchesAtAnyDepthIncludingTheTop() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"**/*.java\"}");

        assertEquals(List.of("Top.java", "src/Main.java", "src/util/Util.java"), lines(result.output()));
        assertEquals("Found 3 matches for pattern `**/*.java`.", result.message());
    }

    @Test
    void singleStarStaysInOneDirectory() throws Exception {
        assertEquals(List.of("Top.java"), lines(run(tool, local(dir), "{\"pattern\": \"*.java\"}").output()));
    }

    @Test
    void matchesDirectoriesToo() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"src/*\"}");

        assertEquals(List.of("src/Main.java", "src/util"), lines(result.output()));
    }

    @Test
    void searchesARelativeDirectoryAndListsPathsRelativeToIt() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"**/*.java\", \"directory\": \"src\"}");

        assertEquals(List.of("Main.java", "util/Util.java"), lines(result.output()));
    }

    @Test
    void acceptsAnAbsoluteDirectoryInsideTheWorkDir() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"*.md\", \"directory\": \"" + dir.resolve("docs") + "\"}");

        assertEquals("guide.md", result.output());
    }

    @Test
    void searchesAWorkDirReachedThroughASymbolicLink() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("../" + dir.getFileName() + "-link"), dir);
        try {
            ToolReturn result = run(tool, local(link), "{\"pattern\": \"**/*.md\"}");

            assertEquals(List.of("README.md", "docs/guide.md"), lines(result.output()));
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void saysWhenNothingMatches() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"**/*.rs\"}");

        assertEquals(ToolReturn.ok("", "No matches found for pattern `**/*.rs`.", List.of()), result);
    }

    @Test
    void listsAtMostAThousandMatches() throws Exception {
        Path many = Files.createDirectory(dir.resolve("many"));
        for (int i = 0; i < 1005; i++) {
            Files.createFile(many.resolve("f%04d.txt".formatted(i)));
        }

        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"many/*.txt\"}");

        List<String> listed = lines(result.output());
        assertEquals(1000, listed.size());
        assertEquals("many/f0999.txt", listed.getLast());
        assertTrue(result.message().startsWith("Found 1005 matches"), result.message());
        assertTrue(result.message().contains("Only the first 1000 are listed"), result.message());
    }

    @Test
    void presentsItselfAsASearch() throws Exception {
        PreparedCall call = tool.prepare(json("{\"pattern\": \"**/*.java\"}"), local(dir));

        assertEquals(new ToolPresentation("Glob **/*.java", "search", List.of(dir)), call.presentation());
        assertNull(call.approval());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../other", "/"})
    void refusesDirectoriesOutsideTheWorkDir(String directory) {
        var error = assertThrows(ToolArgumentException.class,
                () -> tool.prepare(json("{\"pattern\": \"*\", \"directory\": \"" + directory + "\"}"), local(dir)));

        assertTrue(error.getMessage().contains("is outside the working directory"), error.getMessage());
    }

    @Test
    void reportsAMissingDirectory() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"*\", \"directory\": \"nope\"}");

        assertTrue(result.isError());
        assertEquals("Directory not found", brief(result));
    }

    @Test
    void reportsAFileGivenAsTheDirectory() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"pattern\": \"*\", \"directory\": \"README.md\"}");

        assertTrue(result.isError());
        assertEquals("Not a directory", brief(result));
    }

    @Test
    void stopsWhenCancelled() throws Exception {
        PreparedCall call = tool.prepare(json("{\"pattern\": \"**\"}"), local(dir));
        CancelSignal cancel = new CancelSignal();
        cancel.cancel();

        assertThrows(CancelSignal.CancelledException.class, () -> call.run(cancel));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"pattern\": \"\"}", "{\"pattern\": \"src/[a\"}", "{\"pattern\": 1}"})
    void rejectsUnusableArguments(String arguments) {
        assertThrows(ToolArgumentException.class, () -> tool.prepare(json(arguments), local(dir)));
    }
}
