package dev.agentserver.server.tools;

import static dev.agentserver.server.tools.ToolTesting.brief;
import static dev.agentserver.server.tools.ToolTesting.json;
import static dev.agentserver.server.tools.ToolTesting.local;
import static dev.agentserver.server.tools.ToolTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.ToolReturn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WriteFileTest {

    @TempDir
    Path dir;

    private final WriteFile tool = new WriteFile();

    @Test
    void createsANewFileAndItsDirectoriesAfterShowingTheDiff() throws Exception {
        Path file = dir.resolve("new/dir/hello.txt");
        PreparedCall call = tool.prepare(json("{\"path\": \"new/dir/hello.txt\", \"content\": \"hello\\n\"}"), local(dir));
        DisplayBlock.Diff diff = new DisplayBlock.Diff(file.toString(), null, "hello\n", 1, 1, false);

        assertEquals(new ApprovalInfo("WriteFile", "edit file", "Write file `" + file + "`", List.of(diff)),
                call.approval());
        assertEquals(new ToolPresentation("Write new/dir/hello.txt", "edit", List.of(file)), call.presentation());
        assertFalse(Files.exists(file), "nothing is written before the call runs");

        ToolReturn result = call.run(new CancelSignal());

        assertEquals(ToolReturn.ok("", "File created. It now holds 6 bytes.", List.of(diff)), result);
        assertEquals("hello\n", Files.readString(file));
    }

    @Test
    void overwritesAnExistingFile() throws Exception {
        Path file = dir.resolve("a.txt");
        Files.writeString(file, "old text\n");

        PreparedCall call = tool.prepare(json("{\"path\": \"a.txt\", \"content\": \"new ✓\"}"), local(dir));
        ToolReturn result = call.run(new CancelSignal());

        assertEquals(List.of(new DisplayBlock.Diff(file.toString(), "old text\n", "new ✓", 1, 1, false)),
                call.approval().display());
        assertEquals("File overwritten. It now holds 7 bytes.", result.message());
        assertEquals("new ✓", Files.readString(file));
    }

    @Test
    void appendsToTheEndOfAFile() throws Exception {
        Path file = dir.resolve("log.txt");
        Files.writeString(file, "first\n");

        PreparedCall call = tool.prepare(
                json("{\"path\": \"log.txt\", \"content\": \"second\\n\", \"mode\": \"append\"}"), local(dir));
        ToolReturn result = call.run(new CancelSignal());

        assertEquals(new DisplayBlock.Diff(file.toString(), "first\n", "first\nsecond\n", 1, 1, false),
                call.approval().display().getFirst());
        assertEquals("Content appended. It now holds 13 bytes.", result.message());
        assertEquals("first\nsecond\n", Files.readString(file));
    }

    @Test
    void appendingToAMissingFileCreatesIt() throws Exception {
        ToolReturn result = run(tool, local(dir), "{\"path\": \"fresh.txt\", \"content\": \"x\", \"mode\": \"append\"}");

        assertEquals("File created. It now holds 1 bytes.", result.message());
        assertEquals("x", Files.readString(dir.resolve("fresh.txt")));
    }

    @Test
    void writesEmptyContent() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "something");

        run(tool, local(dir), "{\"path\": \"a.txt\", \"content\": \"\"}");

        assertEquals("", Files.readString(dir.resolve("a.txt")));
    }

    @Test
    void writesNothingWhenTheFileChangedAfterTheUserSawTheDiff() throws Exception {
        Path file = dir.resolve("a.txt");
        Files.writeString(file, "before");
        PreparedCall call = tool.prepare(json("{\"path\": \"a.txt\", \"content\": \"mine\"}"), local(dir));
        Files.writeString(file, "edited by the user meanwhile");

        ToolReturn result = call.run(new CancelSignal());

        assertTrue(result.isError());
        assertEquals("File changed meanwhile", brief(result));
        assertEquals("edited by the user meanwhile", Files.readString(file));
    }

    @Test
    void readsAndWritesThroughTheContextsFileAccess() throws Exception {
        RecordingFileAccess files = new RecordingFileAccess();
        Path path = dir.resolve("buffer.txt");
        files.files.put(path, "editor text");

        run(tool, new ToolContext(dir, files, new LocalCommandRunner()),
                "{\"path\": \"buffer.txt\", \"content\": \"!\", \"mode\": \"append\"}");

        assertEquals("editor text!", files.files.get(path));
        assertEquals(List.of("read " + path, "read " + path, "write " + path), files.calls);
        assertFalse(Files.exists(path));
    }

    @Test
    void refusesToWriteOverADirectory() throws Exception {
        Files.createDirectory(dir.resolve("sub"));

        var error = assertThrows(ToolArgumentException.class,
                () -> tool.prepare(json("{\"path\": \"sub\", \"content\": \"x\"}"), local(dir)));

        assertTrue(error.getMessage().contains("is a directory"), error.getMessage());
    }

    @Test
    void refusesToEditAFileThatIsNotUtf8() throws Exception {
        Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});

        var error = assertThrows(ToolArgumentException.class, () -> tool.prepare(
                json("{\"path\": \"latin1.txt\", \"content\": \"x\", \"mode\": \"append\"}"), local(dir)));

        assertTrue(error.getMessage().contains("is not UTF-8 text"), error.getMessage());
    }

    @Test
    void explainsAnUnknownMode() {
        var error = assertThrows(ToolArgumentException.class, () -> tool.prepare(
                json("{\"path\": \"a.txt\", \"content\": \"x\", \"mode\": \"prepend\"}"), local(dir)));

        assertEquals("`mode` must be \"overwrite\" or \"append\", not \"prepend\".", error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"content\": \"x\"}", "{\"path\": \"a.txt\"}", "{\"path\": \"\", \"content\": \"x\"}",
        "{\"path\": \"a.txt\", \"content\": 3}", "{\"path\": \"a.txt\", \"content\": \"x\", \"mode\": true}"
    })
    void rejectsUnusableArguments(String arguments) {
        assertThrows(ToolArgumentException.class, () -> tool.prepare(json(arguments), local(dir)));
    }
}
