package dev.agentserver.server.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.ToolReturn;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetTodoListTest {

    @TempDir
    Path workDir;

    private final SetTodoList tool = new SetTodoList();

    @Test
    void theWholeListBecomesATodoBlockWithoutApproval() throws Exception {
        ToolContext context = ToolTesting.local(workDir);
        assertNull(tool.prepare(ToolTesting.json("{\"todos\":[]}"), context).approval());
        ToolReturn result = ToolTesting.run(tool, context, """
                {"todos":[{"title":"Read the code","status":"done"},{"title":"Fix the bug","status":"in_progress"},
                          {"title":"Test","status":"pending"}]}""");
        assertFalse(result.isError());
        assertEquals("Todo list updated: 1 of 3 done.", result.message());
        assertEquals(List.of(new DisplayBlock.Todo(List.of(new DisplayBlock.TodoItem("Read the code", "done"),
                new DisplayBlock.TodoItem("Fix the bug", "in_progress"), new DisplayBlock.TodoItem("Test", "pending")))),
                result.display());
    }

    @Test
    void badItemsAreArgumentErrorsNamingTheItem() {
        ToolContext context = ToolTesting.local(workDir);
        ToolArgumentException status = assertThrows(ToolArgumentException.class, () -> tool.prepare(
                ToolTesting.json("{\"todos\":[{\"title\":\"a\",\"status\":\"done\"},{\"title\":\"b\",\"status\":\"later\"}]}"),
                context));
        assertTrue(status.getMessage().contains("todos[1].status"), status.getMessage());
        assertThrows(ToolArgumentException.class, () -> tool.prepare(ToolTesting.json("{\"todos\":{}}"), context));
        assertThrows(ToolArgumentException.class, () -> tool.prepare(ToolTesting.json("{}"), context));
    }
}
