package dev.agentserver.protocol.wire;

/**
 * A wire content part: {@code {"type":"text","text":...}}, {@code {"type":"think","think":...,
 * "encrypted":...}} or a media part such as {@code {"type":"image_url","image_url":{"url":...,"id":...}}}.
 * Read and written by {@link WireContentPartAdapter}.
 */
public sealed interface WireContentPart {

    record Text(String text) implements WireContentPart {}

    record Think(String think, String encrypted) implements WireContentPart {}

    /** {@code kind} is the type tag: {@code image_url}, {@code audio_url} or {@code video_url}. */
    record Media(String kind, String url, String id) implements WireContentPart {}
}
