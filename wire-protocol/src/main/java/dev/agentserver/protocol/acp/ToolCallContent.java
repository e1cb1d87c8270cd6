package dev.agentserver.protocol.acp;

/** What a tool call shows in the editor, tagged by {@code type}. */
public sealed interface ToolCallContent {

    record Content(ContentBlock content) implements ToolCallContent {}

    /** {@code oldText} null (left out) means the file is new. */
    record Diff(String path, String oldText, String newText) implements ToolCallContent {}

    /** A terminal the agent created with {@code terminal/create}; the editor shows its live output. */
    record Terminal(String terminalId) implements ToolCallContent {}

    static ToolCallContent text(String text) {
        return new Content(ContentBlock.text(text));
    }
}
