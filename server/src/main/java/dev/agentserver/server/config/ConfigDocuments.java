package dev.agentserver.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.agentserver.server.json.SharedMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Turns config text (TOML or JSON) into a tree, so that one parser handles both formats. */
final class ConfigDocuments {

    private ConfigDocuments() {
    }

    // Made when a TOML document is first parsed, as the shared JSON mapper is: making an ObjectMapper
    // costs ~20 ms of start-up, and the zero-config path (no file, no --config) never parses anything.
    private static final class TomlText {
        static final ObjectMapper MAPPER = new TomlMapper();
    }

    static ObjectNode empty() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Reads a file as JSON when it ends in {@code .json} (or looks like JSON), otherwise as TOML. */
    static ObjectNode readFile(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean json = name.endsWith(".json") || (!name.endsWith(".toml") && looksLikeJson(text));
        return json ? parse(SharedMapper.MAPPER, text, "JSON", "config file " + file)
                : parse(TomlText.MAPPER, text, "TOML", "config file " + file);
    }

    /** Inline {@code --config} text: JSON when it parses as JSON, otherwise TOML (as Kimi Code CLI does). */
    static ObjectNode readInline(String text) throws ConfigException {
        if (text.isBlank()) {
            throw new ConfigException("--config: the configuration text is empty");
        }
        if (looksLikeJson(text)) {
            return parse(SharedMapper.MAPPER, text, "JSON", "--config");
        }
        return parse(TomlText.MAPPER, text, "TOML", "--config");
    }

    private static boolean looksLikeJson(String text) {
        return text.stripLeading().startsWith("{");
    }

    private static ObjectNode parse(ObjectMapper mapper, String text, String format, String source)
            throws ConfigException {
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": invalid " + format + where(e.getLocation()) + ": "
                    + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            return empty();
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new ConfigException(source + ": the top level must be a table/object, not " + tree.getNodeType());
        }
        return object;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
