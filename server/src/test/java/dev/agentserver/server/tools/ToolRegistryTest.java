package dev.agentserver.server.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {

    private final ToolRegistry registry = ToolRegistry.builtins();

    @Test
    void listsTheBuiltinsInAFixedOrder() {
        assertEquals(List.of("Shell", "ReadFile", "WriteFile", "StrReplaceFile", "Glob", "Grep", "SetTodoList"),
                registry.all().stream().map(Tool::name).toList());
    }

    @Test
    void findsToolsByExactName() {
        assertEquals("Grep", registry.find("Grep").map(Tool::name).orElseThrow());
        assertEquals(Optional.empty(), registry.find("grep"));
        assertEquals(Optional.empty(), registry.find("Bash"));
    }

    @Test
    void everyToolDescribesItselfAndEachParameter() {
        for (Tool tool : registry.all()) {
            ObjectNode schema = tool.parameters();
            assertFalse(tool.description().isBlank(), tool.name());
            assertEquals("object", schema.get("type").asText(), tool.name());
            schema.get("required").forEach(name -> assertTrue(schema.get("properties").has(name.asText()), tool.name()));
            schema.get("properties").properties().forEach(entry -> {
                JsonNode property = entry.getValue();
                assertTrue(property.has("type") || property.has("anyOf"), tool.name() + "." + entry.getKey());
                assertFalse(property.path("description").asText().isBlank(), tool.name() + "." + entry.getKey());
            });
        }
    }

    @Test
    void schemasCannotBeChangedFromOutside() {
        Tool shell = registry.find("Shell").orElseThrow();

        shell.parameters().putObject("properties").put("sneaky", true);

        assertTrue(shell.parameters().get("properties").has("command"));
    }
}
