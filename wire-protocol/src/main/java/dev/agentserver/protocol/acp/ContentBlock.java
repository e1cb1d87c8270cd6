package dev.agentserver.protocol.acp;

import com.google.gson.JsonObject;
import dev.agentserver.protocol.jsonrpc.Validated;

/**
 * A piece of content in a prompt or a message chunk, tagged by {@code type}. {@code annotations} are
 * carried through untouched: the agent has no use for them.
 */
public sealed interface ContentBlock extends Validated {

    record Text(String text, JsonObject annotations) implements ContentBlock {
        @Override
        public void validate() {
            Validated.require(text != null, "text content needs text");
        }
    }

    /** {@code data} is base64. */
    record Image(String data, String mimeType, String uri, JsonObject annotations) implements ContentBlock {
        @Override
        public void validate() {
            Validated.require(data != null && mimeType != null, "image content needs data and mimeType");
        }
    }

    /** {@code data} is base64. */
    record Audio(String data, String mimeType, JsonObject annotations) implements ContentBlock {
        @Override
        public void validate() {
            Validated.require(data != null && mimeType != null, "audio content needs data and mimeType");
        }
    }

    record ResourceLink(String uri, String name, String mimeType, String title, String description, Long size,
            JsonObject annotations) implements ContentBlock {
        @Override
        public void validate() {
            Validated.require(uri != null && name != null, "resource_link content needs uri and name");
        }
    }

    /** An embedded resource: the editor sends the contents (of a file, a selection) along with the prompt. */
    record Resource(EmbeddedResource resource, JsonObject annotations) implements ContentBlock {
        @Override
        public void validate() {
            Validated.require(resource != null && resource.uri() != null, "resource content needs resource.uri");
            Validated.require(resource.text() != null || resource.blob() != null,
                    "resource content needs resource.text or resource.blob");
        }
    }

    /** Text resource contents carry {@code text}, binary ones {@code blob} (base64). */
    record EmbeddedResource(String uri, String mimeType, String text, String blob) {}

    static ContentBlock text(String text) {
        return new Text(text, null);
    }
}
