package dev.agentserver.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Replaces exact pieces of text in a file, applying several edits in order as one change. */
public final class StrReplaceFile implements Tool {

    private static final ObjectNode EDIT = JsonSchema.object()
            .required("old", JsonSchema.string(
                    "The exact text to find, including whitespace and line breaks. It must occur in the file."))
            .required("new", JsonSchema.string("The text to put in its place."))
            .optional("replace_all", JsonSchema.bool(
                    "Replace every occurrence. Without it, `old` must occur exactly once.", false))
            .build();

    private static final ObjectNode PARAMETERS = JsonSchema.object()
            .required("path", JsonSchema.string(
                    "The file to edit: absolute, or relative to the working directory."))
            .required("edit", JsonSchema.either(
                    "One edit, or a list of edits applied one after another.",
                    EDIT, JsonSchema.arrayOf("Edits applied in order.", EDIT)))
            .build();

    private record Replacement(String old, String replacement, boolean all) {}

    @Override
    public String name() {
        return "StrReplaceFile";
    }

    @Override
    public String description() {
        return """
                Edit an existing UTF-8 text file by replacing exact text. Each edit names the `old` text \
                and the `new` text. `old` must match the file character for character, and must occur \
                exactly once unless `replace_all` is true; quote enough surrounding lines to make it \
                unique. Several edits are applied in order, each to the result of the one before, and \
                either all of them apply or none do. Read the file first so that `old` is exact. The user \
                may be asked to approve the change first.\
                """;
    }

    @Override
    public ObjectNode parameters() {
        return PARAMETERS.deepCopy();
    }

    @Override
    public PreparedCall prepare(JsonNode arguments, ToolContext context) throws ToolArgumentException {
        Arguments args = Arguments.of(arguments);
        Path path = context.resolve(args.nonEmptyString("path"));
        List<Replacement> replacements = replacements(args.required("edit"));
        String original = FileEdit.readCurrent(context.files(), path);
        if (original == null) {
            throw new ToolArgumentException("`" + path + "` does not exist. Use WriteFile to create a file.");
        }
        String text = original;
        int count = 0;
        for (int i = 0; i < replacements.size(); i++) {
            Replacement edit = replacements.get(i);
            int found = occurrences(text, edit.old());
            String which = replacements.size() == 1 ? "The `old` text" : "The `old` text of edit[" + i + "]";
            if (found == 0) {
                throw new ToolArgumentException(which + " was not found in `" + path
                        + "`. It must match the file exactly; no edit was applied.");
            }
            if (found > 1 && !edit.all()) {
                throw new ToolArgumentException(which + " occurs " + found + " times in `" + path
                        + "`. Quote more context to make it unique, or set replace_all; no edit was applied.");
            }
            if (edit.all()) {
                text = text.replace(edit.old(), edit.replacement());
            } else {
                int at = text.indexOf(edit.old());
                text = text.substring(0, at) + edit.replacement() + text.substring(at + edit.old().length());
            }
            count += found;
        }
        if (text.equals(original)) {
            throw new ToolArgumentException("The edits leave `" + path + "` unchanged.");
        }
        FileEdit edit = new FileEdit(path, original, text);
        String message = "File edited: " + replacements.size() + " edit(s), " + count + " replacement(s).";
        return new ReadyCall(
                new ToolPresentation("Edit " + Titles.path(context, path), "edit", List.of(path)),
                edit.approval("StrReplaceFile", "Edit file `" + path + "`"),
                cancel -> edit.apply(context.files(), message));
    }

    private static List<Replacement> replacements(JsonNode edit) throws ToolArgumentException {
        if (!edit.isArray()) {
            return List.of(replacement(Arguments.nested(edit, "edit.")));
        }
        if (edit.isEmpty()) {
            throw new ToolArgumentException("`edit` must hold at least one edit.");
        }
        List<Replacement> list = new ArrayList<>();
        for (int i = 0; i < edit.size(); i++) {
            list.add(replacement(Arguments.nested(edit.get(i), "edit[" + i + "].")));
        }
        return list;
    }

    private static Replacement replacement(Arguments args) throws ToolArgumentException {
        return new Replacement(args.nonEmptyString("old"), args.string("new"), args.bool("replace_all", false));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
