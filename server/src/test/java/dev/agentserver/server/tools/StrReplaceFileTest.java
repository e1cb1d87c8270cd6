package dev.agentserver.server.tools;

import static dev.agentserver.server.tools.ToolTesting.brief;
import static dev.agentserver.server.tools.ToolTesting.json;
import static dev.agentserver.server.tools.ToolTesting.local;
import static dev.agentserver.server.tools.ToolTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.ToolReturn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrReplaceFileTest {

    private static final String SOURCE = """
            int a = 1;
            int b = 2;
            int c = a;
            """;

    @TempDir
    Path dir;

    private Path file;
    private final StrReplaceFile tool = new StrReplaceFile();

    @BeforeEach
    void writeSource() throws Exception {
        file = dir.resolve("foo.txt");
        Files.writeString(file, SOURCE);
    }

    @Test
    void asksWithADiffOfTheWholeFileThenEdits() throws Exception {
        PreparedCall call = tool.prepare(
                json("{\"path\": \"foo.txt\", \"edit\": {\"old\": \"int b = 2;\", \"new\": \"int b = 20;\"}}"), local(dir));
        String edited = SOURCE.replace("int b = 2;", "int b = 20;");
        DisplayBlock.Diff diff = new DisplayBlock.Diff(file.toString(), SOURCE, edited, 1, 1, false);

        assertEquals(new ApprovalInfo("StrReplaceFile", "edit file", "Edit file `" + file + "`", List.of(diff)),
                call.approval());
        assertEquals(new ToolPresentation("Edit foo.txt", "edit", List.of(file)), call.presentation());
        assertEquals(SOURCE, Files.readString(file), "nothing is written before the call runs");

        ToolReturn result = call.run(new CancelSignal());

        assertEquals(ToolReturn.ok("", "File edited: 1 edit(s), 1 replacement(s).", List.of(diff)), result);
        assertEquals(edited, Files.readString(file));
    }

    @Test
    void appliesAListOfEditsInOrder() throws Exception {
        ToolReturn result = run(tool, local(dir), """
                {"path": "foo.txt", "edit": [
                  {"old": "int a = 1;", "new": "int alpha = 1;"},
                  {"old": "int alpha", "new": "long alpha"}
                ]}""");

        assertEquals("File edited: 2 edit(s), 2 replacement(s).", result.message());
        assertTrue(Files.readString(file).startsWith("long alpha = 1;\n"));
    }

    @Test
    void replacesEveryOccurrenceWhenAsked() throws Exception {
        ToolReturn result = run(tool, local(dir),
                "{\"path\": \"foo.txt\", \"edit\": {\"old\": \"int\", \"new\": \"var\", \"replace_all\": true}}");

        assertEquals("File edited: 1 edit(s), 3 replacement(s).", result.message());
        assertEquals(SOURCE.replace("int", "var"), Files.readString(file));
    }

    @Test
    void insertsReplacementTextLiterally() throws Exception {
        run(tool, local(dir), "{\"path\": \"foo.txt\", \"edit\": {\"old\": \"= 1\", \"new\": \"= $1 \\\\\\\\n\"}}");

        assertTrue(Files.readString(file).startsWith("int a = $1 \\\\n;"), Files.readString(file));
    }

    @Test
    void saysWhenTheOldTextIsMissing() throws Exception {
        var error = assertThrows(ToolArgumentException.class, () -> tool.prepare(
                json("{\"path\": \"foo.txt\", \"edit\": {\"old\": \"int d\", \"new\": \"x\"}}"), local(dir)));

        assertEquals("The `old` text was not found in `" + file + "`. It must match the file exactly; "
                + "no edit was applied.", error.getMessage());
    }

    @Test
    void refusesAnAmbiguousEdit() throws Exception {
        var error = assertThrows(ToolArgumentException.class, () -> tool.prepare(
                json("{\"path\": \"foo.txt\", \"edit\": {\"old\": \"int\", \"new\": \"var\"}}"), local(dir)));

        assertTrue(error.getMessage().startsWith("The `old` text occurs 3 times in"), error.getMessage());
        assertTrue(error.getMessage().contains("replace_all"));
    }

    @Test
    void appliesNothingWhenOneOfSeveralEditsFails() throws Exception {
        var error = assertThrows(ToolArgumentException.class, () -> tool.prepare(json("""
                {"path": "foo.txt", "edit": [
                  {"old": "int a", "new": "int z"},
                  {"old": "no such text", "new": "x"}
                ]}"""), local(dir)));

        assertTrue(error.getMessage().startsWith("The `old` text of edit[1] was not found"), error.getMessage());
        assertEquals(SOURCE, Files.readString(file));
    }

    @Test
    void refusesEditsThatChangeNothing() {
        var error = assertThrows(ToolArgumentException.class, () -> tool.prepare(
                json("{\"path\": \"foo.txt\", \"edit\": {\"old\": \"int a\", \"new\": \"int a\"}}"), local(dir)));

        assertEquals("The edits leave `" + file + "` unchanged.", error.getMessage());
    }

    @Test
    void refusesAMissingFile() {
        var error = assertThrows(ToolArgumentException.class, () -> tool.prepare(
                json("{\"path\": \"ghost.txt\", \"edit\": {\"old\": \"a\", \"new\": \"b\"}}"), local(dir)));

        assertTrue(error.getMessage().contains("does not exist"), error.getMessage());
    }

    @Test
    void writesNothingWhenTheFileChangedAfterTheUserSawTheDiff() throws Exception {
        PreparedCall call = tool.prepare(
                json("{\"path\": \"foo.txt\", \"edit\": {\"old\": \"int a\", \"new\": \"int z\"}}"), local(dir));
        Files.writeString(file, SOURCE + "// a comment typed in the editor\n");

        ToolReturn result = call.run(new CancelSignal());

        assertTrue(result.isError());
        assertEquals("File changed meanwhile", brief(result));
        assertTrue(Files.readString(file).startsWith("int a = 1;"));
    }

    @Test
    void editsThroughTheContextsFileAccess() throws Exception {
        RecordingFileAccess files = new RecordingFileAccess();
        Path path = dir.resolve("buffer.txt");
        files.files.put(path, "hello world");

        run(tool, new ToolContext(dir, files, new LocalCommandRunner()),
                "{\"path\": \"buffer.txt\", \"edit\": {\"old\": \"world\", \"new\": \"there\"}}");

        assertEquals("hello there", files.files.get(path));
        assertEquals("write " + path, files.calls.getLast());
    }

    @Test
    void namesTheFaultyEditInArgumentErrors() {
        var error = assertThrows(ToolArgumentException.class, () -> tool.prepare(
                json("{\"path\": \"foo.txt\", \"edit\": [{\"old\": \"a\", \"new\": \"b\"}, {\"new\": \"c\"}]}"),
                local(dir)));

        assertEquals("Missing required argument `edit[1].old`.", error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"path\": \"foo.txt\"}", "{\"edit\": {\"old\": \"a\", \"new\": \"b\"}}",
        "{\"path\": \"foo.txt\", \"edit\": []}", "{\"path\": \"foo.txt\", \"edit\": \"int a\"}",
        "{\"path\": \"foo.txt\", \"edit\": {\"old\": \"\", \"new\": \"b\"}}",
        "{\"path\": \"foo.txt\", \"edit\": {\"old\": \"int a\"}}",
        "{\"path\": \"foo.txt\", \"edit\": {\"old\": \"int a\", \"new\": \"b\", \"replace_all\": \"yes\"}}",
        "{\"path\": \"foo.txt\", \"edit\": [\"int a\"]}"
    })
    void rejectsUnusableArguments(String arguments) {
        assertThrows(ToolArgumentException.class, () -> tool.prepare(json(arguments), local(dir)));
    }
}
