package dev.agentserver.server.llm;

import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.TokenUsage;

/** Receives one streamed completion, delta by delta, in the order the service sent them. */
public interface ChatSink {

    void text(String delta);

    void think(String delta);

    /** An image, audio or video part of the reply. */
    void media(ContentPart.Media part);

    /** A tool call starts; {@code arguments} is the first argument text, or null when it comes in parts. */
    void toolCallStart(String id, String name, String arguments);

    /** More argument text for the tool call started last. */
    void toolCallArguments(String delta);

    /** The service's id for this message, when it sends one. */
    void messageId(String id);

    void usage(TokenUsage usage);
}
