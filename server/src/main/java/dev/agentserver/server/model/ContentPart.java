package dev.agentserver.server.model;

/**
 * One piece of message content, independent of either protocol. The wire front end writes these as
 * {@code ContentPart} payloads, the ACP front end as content blocks and chunks.
 */
public sealed interface ContentPart {

    record Text(String text) implements ContentPart {}

    /** Model reasoning; {@code encrypted} is the provider's opaque signature, usually null. */
    record Think(String think, String encrypted) implements ContentPart {}

    /** An image, audio or video reference; {@code id} is optional and usually null. */
    record Media(MediaKind kind, String url, String id) implements ContentPart {}

    enum MediaKind {
        IMAGE("image_url"), AUDIO("audio_url"), VIDEO("video_url");

        private final String wireType;

        MediaKind(String wireType) {
            this.wireType = wireType;
        }

        /** The {@code type} tag of this kind in the wire protocol and the OpenAI chat format. */
        public String wireType() {
            return wireType;
        }

        public static MediaKind fromWireType(String type) {
            for (MediaKind k : values()) {
                if (k.wireType.equals(type)) {
                    return k;
                }
            }
            return null;
        }
    }
}
