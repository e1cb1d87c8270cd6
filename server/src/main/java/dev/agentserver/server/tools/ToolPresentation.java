package dev.agentserver.server.tools;

import java.nio.file.Path;
import java.util.List;

/**
 * How a tool call is presented in an editor: a short title, its kind (ACP's ToolKind: read, edit,
 * delete, move, search, execute, think, fetch, other), and the absolute paths it touches.
 */
public record ToolPresentation(String title, String kind, List<Path> locations) {

    public ToolPresentation {
        locations = List.copyOf(locations);
    }
}
