package dev.agentserver.server.tools;

import dev.agentserver.server.model.DisplayBlock;
import dev.agentserver.server.model.ToolReturn;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A whole-file change worked out before the user is asked: the text the file holds now ({@code null} when
 * it does not exist yet) and the text it will hold. The user approves exactly this change, so it is
 * written only if the file still holds {@code oldText}.
 */
record FileEdit(Path path, String oldText, String newText) {

    /** The file's current text, or null when there is no such file. */
    static String readCurrent(FileAccess files, Path path) throws ToolArgumentException {
        if (Files.isDirectory(path)) {
            throw new ToolArgumentException("`" + path + "` is a directory, not a file.");
        }
        try {
            return files.readText(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (CharacterCodingException e) {
            throw new ToolArgumentException("`" + path + "` is not UTF-8 text, so it cannot be edited with this tool.");
        } catch (IOException e) {
            throw new ToolArgumentException("Cannot read `" + path + "`: " + e.getMessage());
        }
    }

    DisplayBlock.Diff diff() {
        return new DisplayBlock.Diff(path.toString(), oldText, newText, 1, 1, false);
    }

    ApprovalInfo approval(String sender, String description) {
        return new ApprovalInfo(sender, "edit file", description, List.of(diff()));
    }

    /** Writes the new text and reports {@code message} with the diff; fails if the file changed meanwhile. */
    ToolReturn apply(FileAccess files, String message) {
        String current;
        try {
            current = readCurrent(files, path);
        } catch (ToolArgumentException e) {
            return ToolReturn.error(e.getMessage(), "Failed to write file");
        }
        if (!Objects.equals(current, oldText)) {
            return ToolReturn.error("`" + path + "` changed after this edit was prepared, so nothing was written. "
                    + "Read the file again and redo the edit.", "File changed meanwhile");
        }
        try {
            files.writeText(path, newText);
        } catch (IOException e) {
            return ToolReturn.error("Failed to write `" + path + "`: " + e.getMessage(), "Failed to write file");
        }
        return ToolReturn.ok("", message, List.of(diff()));
    }
}
