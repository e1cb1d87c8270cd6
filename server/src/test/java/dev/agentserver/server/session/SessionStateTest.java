package dev.agentserver.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStateTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileReadsAsAnEmptyState() {
        SessionState state = new SessionState(dir.resolve("s/state.json"));
        assertNull(state.workDir());
        assertNull(state.title());
        assertFalse(state.planMode());
    }

    @Test
    void settersKeepKeysWrittenByOtherImplementations() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"work_dir\":\"/w\",\"approval\":{\"yolo\":true},\"title\":\"old\"}");
        SessionState state = new SessionState(file);

        state.setTitle("new \"title\" <b>");
        state.setPlanMode(true);

        assertEquals(JsonParser.parseString("{\"work_dir\":\"/w\",\"approval\":{\"yolo\":true},"
                + "\"title\":\"new \\\"title\\\" <b>\",\"plan_mode\":true}"), JsonParser.parseString(Files.readString(file)));
        assertTrue(Files.readString(file).contains("<b>"), "written as typed, not HTML-escaped");
        assertEquals("new \"title\" <b>", state.title());
        assertTrue(state.planMode());
        assertFalse(Files.exists(dir.resolve("state.json.tmp")), "the temporary file is moved into place");
    }

    @Test
    void anUnreadableFileIsReplacedByTheNextWrite() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{not json");
        SessionState state = new SessionState(file);
        assertNull(state.workDir());

        state.setWorkDir("/work");

        assertEquals("/work", state.workDir());
    }
}
