package dev.agentserver.server.tools;

import static dev.agentserver.server.tools.ToolTesting.brief;
import static dev.agentserver.server.tools.ToolTesting.json;
import static dev.agentserver.server.tools.ToolTesting.lines;
import static dev.agentserver.server.tools.ToolTesting.local;
import static dev.agentserver.server.tools.ToolTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.ToolReturn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadFileTest {

    @TempDir
    Path dir;

    private final ReadFile tool = new ReadFile();

    @Test
    void numbersEachLineLikeCatN() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "alpha\nbeta\n\tgamma\n");

        ToolReturn result = run(tool, local(dir), "{\"path\": \"a.txt\"}");

        assertEquals(ToolReturn.ok("     1\talpha\n     2\tbeta\n     3\t\tgamma\n",
                "3 lines read from file starting from line 1. End of file reached.", List.of()), result);
    }

    @Test
    void readsTheRequestedRangeAndSaysWhereToContinue() throws Exception {
        Files.writeString(dir.resolve("ten.txt"), numbered(10));

        ToolReturn result = run(tool, local(dir), "{\"path\": \"ten.txt\", \"line_offset\": 3, \"n_lines\": 2}");

        assertEquals("     3\tline 3\n     4\tline 4\n", result.output());
        assertEquals("2 lines read from file starting from line 3. The file has 10 lines; continue with line_offset=5.",
                result.message());
    }

    @Test
    void readsALastLineWithoutNewlineAndKeepsCarriageReturns() throws Exception {
        Files.writeString(dir.resolve("crlf.txt"), "one\r\ntwo");

        ToolReturn result = run(tool, local(dir), "{\"path\": \"crlf.txt\"}");

        assertEquals("     1\tone\r\n     2\ttwo\n", result.output());
    }

    @Test
    void saysSoWhenTheOffsetIsPastTheEnd() throws Exception {
        Files.writeString(dir.resolve("short.txt"), "only\n");

        ToolReturn result = run(tool, local(dir), "{\"path\": \"short.txt\", \"line_offset\": 5}");

        assertFalse(result.isError());
        assertEquals("", result.output());
        assertEquals("No lines read from file: it has only 1 lines.", result.message());
    }

    @Test
    void returnsAtMostAThousandLines() throws Exception {
        Files.writeString(dir.resolve("long.txt"), numbered(1500));

        ToolReturn result = run(tool, local(dir), "{\"path\": \"long.txt\", \"n_lines\": 5000}");

        assertEquals(1000, lines(result.output()).size());
        assertTrue(result.message().endsWith("continue with line_offset=1001."), result.message());
    }

    @Test
    void cutsVeryLongLinesAndSaysWhich() throws Exception {
        Files.writeString(dir.resolve("wide.txt"), "short\n" + "x".repeat(3000) + "\n");

        ToolReturn result = run(tool, local(dir), "{\"path\": \"wide.txt\"}");

        assertEquals("     2\t" + "x".repeat(ReadFile.MAX_LINE_CHARS) + "…", lines(result.output()).get(1));
        assertTrue(result.message().endsWith("Lines [2] were cut to 2000 characters."), result.message());
    }

    @Test
    void stopsBeforeTheOutputGetsTooLarge() throws Exception {
        String wideLine = "y".repeat(1999) + "\n";
        Files.writeString(dir.resolve("big.txt"), wideLine.repeat(200));

        ToolReturn result = run(tool, local(dir), "{\"path\": \"big.txt\"}");

        int read = lines(result.output()).size();
        assertTrue(read < 200 && result.output().length() < ReadFile.MAX_TOTAL_CHARS + 2100);
        assertTrue(result.message().endsWith("continue with line_offset=" + (read + 1) + "."), result.message());
    }

    @Test
    void readsAnAbsolutePathAndTitlesItRelativeToTheWorkDir() throws Exception {
        Path file = dir.resolve("src/Main.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "class Main {}\n");

        PreparedCall call = tool.prepare(json("{\"path\": \"" + file + "\"}"), local(dir));

        assertEquals(new ToolPresentation("Read src/Main.java", "read", List.of(file)), call.presentation());
        assertNull(call.approval());
        assertEquals("     1\tclass Main {}\n", call.run(new CancelSignal()).output());
    }

    @Test
    void resolvesRelativePathsAgainstTheWorkDir() throws Exception {
        PreparedCall call = tool.prepare(json("{\"path\": \"./src/../docs/x.md\"}"), local(dir));

        assertEquals(List.of(dir.resolve("docs/x.md")), call.presentation().locations());
        assertEquals("Read docs/x.md", call.presentation().title());
    }

    @Test
    void titlesAPathOutsideTheWorkDirAbsolutely() throws Exception {
        PreparedCall call = tool.prepare(json("{\"path\": \"../elsewhere.txt\"}"), local(dir));

        assertEquals("Read " + dir.getParent().resolve("elsewhere.txt"), call.presentation().title());
    }

    @Test
    void readsThroughTheContextsFileAccess() throws Exception {
        RecordingFileAccess files = new RecordingFileAccess();
        Path path = dir.resolve("only-in-editor.txt");
        files.files.put(path, "unsaved buffer\n");

        ToolReturn result = run(tool, new ToolContext(dir, files, new LocalCommandRunner()),
                "{\"path\": \"only-in-editor.txt\"}");

        assertEquals("     1\tunsaved buffer\n", result.output());
        assertEquals(List.of("read " + path), files.calls);
    }

    @Test
    void reportsAMissingFile() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"path\": \"nope.txt\"}");

        assertTrue(result.isError());
        assertEquals("`" + dir.resolve("nope.txt") + "` does not exist.", result.message());
        assertEquals("File not found", brief(result));
    }

    @Test
    void refusesADirectory() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"path\": \".\"}");

        assertTrue(result.isError());
        assertTrue(result.message().contains("is a directory"), result.message());
    }

    @Test
    void refusesABinaryFile() throws Exception {
        Files.write(dir.resolve("image.bin"), new byte[] {'P', 'N', 'G', 0, 1, 2});

        ToolReturn result = run(tool, local(dir), "{\"path\": \"image.bin\"}");

        assertTrue(result.isError());
        assertEquals("Not a text file", brief(result));
    }

    @Test
    void refusesAFileThatIsNotUtf8() throws Exception {
        Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});

        ToolReturn result = run(tool, local(dir), "{\"path\": \"latin1.txt\"}");

        assertTrue(result.isError());
        assertEquals("Not a text file", brief(result));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "{\"path\": \"\"}", "{\"path\": [\"a\"]}", "{\"path\": \"a\", \"line_offset\": 0}",
        "{\"path\": \"a\", \"n_lines\": 0}", "{\"path\": \"a\", \"n_lines\": \"many\"}"
    })
    void rejectsUnusableArguments(String arguments) {
        assertThrows(ToolArgumentException.class, () -> tool.prepare(json(arguments), local(dir)));
    }

    private static String numbered(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }
}
