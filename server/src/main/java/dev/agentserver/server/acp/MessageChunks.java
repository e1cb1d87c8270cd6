package dev.agentserver.server.acp;

import dev.agentserver.protocol.acp.ContentBlock;
import dev.agentserver.protocol.acp.SessionUpdate;
import dev.agentserver.server.agent.UserInput;
import dev.agentserver.server.model.ContentPart;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message content as {@code session/update} chunks: the model's text and thoughts, and the user's input on replay. */
final class MessageChunks {

    private static final Pattern BASE64_DATA_URL = Pattern.compile("data:([^;,]+);base64,(.*)", Pattern.DOTALL);

    private MessageChunks() {
    }

    /** The model's part as a chunk, or null for a part ACP cannot show (a video). */
    static SessionUpdate agentChunk(ContentPart part) {
        return switch (part) {
            case ContentPart.Text text -> new SessionUpdate.AgentMessageChunk(ContentBlock.text(text.text()), null);
            case ContentPart.Think think -> new SessionUpdate.AgentThoughtChunk(ContentBlock.text(think.think()), null);
            case ContentPart.Media media -> {
                ContentBlock block = mediaBlock(media);
                yield block == null ? null : new SessionUpdate.AgentMessageChunk(block, null);
            }
        };
    }

    /** What the user sent, as the chunks a replay shows; think parts are not the user's and are skipped. */
    static List<SessionUpdate> userChunks(UserInput input) {
        List<SessionUpdate> chunks = new ArrayList<>();
        for (ContentPart part : input.parts()) {
            ContentBlock block = switch (part) {
                case ContentPart.Text text -> ContentBlock.text(text.text());
                case ContentPart.Media media -> mediaBlock(media);
                case ContentPart.Think think -> null;
            };
            if (block != null) {
                chunks.add(new SessionUpdate.UserMessageChunk(block, null));
            }
        }
        return chunks;
    }

    /**
     * A base64 data URL becomes an image or audio block; any other URL a resource link, which every
     * client can show. Video has no ACP block and only a link form.
     */
    static ContentBlock mediaBlock(ContentPart.Media media) {
        Matcher data = BASE64_DATA_URL.matcher(media.url());
        if (data.matches()) {
            return switch (media.kind()) {
                case IMAGE -> new ContentBlock.Image(data.group(2), data.group(1), null, null);
                case AUDIO -> new ContentBlock.Audio(data.group(2), data.group(1), null);
                case VIDEO -> null;
            };
        }
        return new ContentBlock.ResourceLink(media.url(), linkName(media.url()), null, null, null, null, null);
    }

    /** The last path segment of a URL, or the URL itself. */
    private static String linkName(String url) {
        try {
            String path = URI.create(url).getPath();
            if (path != null && !path.isEmpty() && !path.endsWith("/")) {
                return path.substring(path.lastIndexOf('/') + 1);
            }
        } catch (IllegalArgumentException notAUri) {
            // Fall through: the URL is still the best name there is.
        }
        return url;
    }
}
