package dev.agentserver.server.acp;

import dev.agentserver.protocol.acp.ContentBlock;
import dev.agentserver.server.agent.UserInput;
import dev.agentserver.server.model.ContentPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * A prompt's content blocks as the core's user input. A prompt of one text block stays plain text, so
 * that slash commands work and the log records what was typed. Images become media parts; embedded
 * resources and links become text the model can read; audio is not advertised and is refused.
 */
final class PromptInput {

    private PromptInput() {
    }

    static UserInput toCore(List<ContentBlock> prompt) throws ResponseErrorException {
        if (prompt.size() == 1 && prompt.getFirst() instanceof ContentBlock.Text text) {
            return new UserInput.Text(text.text());
        }
        List<ContentPart> parts = new ArrayList<>();
        for (ContentBlock block : prompt) {
            parts.add(part(block));
        }
        return new UserInput.Parts(parts);
    }

    private static ContentPart part(ContentBlock block) {
        return switch (block) {
            case ContentBlock.Text text -> new ContentPart.Text(text.text());
            case ContentBlock.Image image -> new ContentPart.Media(ContentPart.MediaKind.IMAGE,
                    dataUrl(image.mimeType(), image.data()), null);
            case ContentBlock.Audio audio -> throw AcpErrors.invalidParams(
                    "Audio prompts are not supported (promptCapabilities.audio is false)");
            case ContentBlock.ResourceLink link -> new ContentPart.Text(
                    "[" + link.name() + "](" + link.uri() + ")");
            case ContentBlock.Resource resource -> embedded(resource.resource());
        };
    }

    /** Text contents are inlined under their URI; an embedded image is passed on as an image. */
    private static ContentPart embedded(ContentBlock.EmbeddedResource resource) {
        if (resource.text() != null) {
            return new ContentPart.Text("Contents of " + resource.uri() + ":\n```\n" + resource.text() + "\n```");
        }
        String mimeType = resource.mimeType() == null ? "" : resource.mimeType().toLowerCase(Locale.ROOT);
        if (mimeType.startsWith("image/")) {
            return new ContentPart.Media(ContentPart.MediaKind.IMAGE, dataUrl(mimeType, resource.blob()), null);
        }
        return new ContentPart.Text("(" + resource.uri() + " is binary"
                + (mimeType.isEmpty() ? "" : ", " + mimeType) + ", and is not shown here.)");
    }

    private static String dataUrl(String mimeType, String base64) {
        return "data:" + mimeType + ";base64," + base64;
    }
}
