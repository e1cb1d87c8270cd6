package dev.agentserver.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.conformance.ServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded hostile lines for a newline-delimited JSON-RPC peer: valid messages of the protocol mutated at the
 * byte level (flips, cuts, insertions of invalid UTF-8, control characters, JSON punctuation) and at the tree
 * level (values swapped for huge numbers, deep nesting, long strings, wrong types; ids of every type; keys
 * dropped or added), plus pure garbage. A line never contains a newline byte, so each one stays one line.
 */
final class LineFuzzer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte[][] TOKENS = {
            b("\""), b("\\"), b("{"), b("}"), b("["), b("]"), b(","), b(":"), b("null"), b("true"), b("1e999999"),
            b("-0"), b("\\ud800"), b("\\u0000"), b("\\uFFFF"), b("\r"), b("\t"), {0}, {(byte) 0xC3, 0x28},
            {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            b("\u00e9"), b("\uD83D\uDE00"), {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b("\"jsonrpc\":\"2.0\""), b("\"id\":"),
            b("\"method\":\"prompt\""), b("\"params\":"), b("99999999999999999999999999999"),
    };

    private final Random random;
    private final List<byte[]> seeds = new ArrayList<>();
    private final List<JsonNode> trees = new ArrayList<>();

    LineFuzzer(Random random, List<String> validMessages) throws IOException {
        this.random = random;
        for (String message : validMessages) {
            seeds.add(b(message));
            trees.add(ServerProcess.JSON.readTree(message));
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The fixed hostile lines every run includes, whatever the seed. */
    static List<byte[]> classics() {
        List<byte[]> lines = new ArrayList<>();
        for (String s : List.of("", " ", "\t", "\r", "null", "true", "0", "-1", "1e999999", "\"str\"", "[]", "{}",
                "[{\"jsonrpc\":\"2.0\",\"id\":\"b1\",\"method\":\"initialize\",\"params\":{}}]", "[1,2,3]",
                "{\"jsonrpc\":\"1.0\",\"id\":\"v\",\"method\":\"initialize\"}", "{\"jsonrpc\":2.0,\"id\":\"v\",\"method\":\"x\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"initialize\"}", "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"x\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"x\"}", "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"x\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"x\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"id\":\"d2\",\"method\":\"x\",\"method\":\"y\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":null,\"id\":\"n\"}", "{\"jsonrpc\":\"2.0\",\"method\":42,\"id\":\"n\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"u\",\"result\":null}", "{\"jsonrpc\":\"2.0\",\"id\":\"u\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"u\",\"error\":{\"code\":\"x\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"u\",\"result\":{},\"error\":{\"code\":1,\"message\":\"m\"}}",
                "\uFEFF{\"jsonrpc\":\"2.0\",\"id\":\"bom\",\"method\":\"x\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"nul\u0000\",\"method\":\"x\"}", "{'jsonrpc':'2.0'}", "{\"a\":1,}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"cut\",\"method\":\"initialize\",\"params\":{")) {
            lines.add(b(s));
        }
        lines.add(repeat("[", 100_000));
        lines.add(concat(repeat("[", 50_000), repeat("]", 50_000)));
        lines.add(concat(repeat("{\"a\":", 30_000), b("1"), repeat("}", 30_000)));
        lines.add(concat(b("{\"jsonrpc\":\"2.0\",\"id\":\"deep\",\"method\":\"initialize\",\"params\":"),
                repeat("[", 20_000), repeat("]", 20_000), b("}")));
        lines.add(concat(b("{\"jsonrpc\":\"2.0\",\"id\":\"long\",\"method\":\"x\",\"params\":{\"s\":\""),
                repeat("x", 2_000_000), b("\"}}")));
        lines.add(concat(b("{\"jsonrpc\":\"2.0\",\"id\":"), repeat("9", 1_000_000), b(",\"method\":\"x\"}")));
        lines.add(concat(b("{\"jsonrpc\":\"2.0\",\"id\":\"esc\",\"method\":\"x\",\"params\":{\"s\":\""),
                repeat("\\ud800", 100_000), b("\"}}")));
        byte[] manyKeys = new ByteArrayOutputStream() {{
            writeBytes(b("{\"jsonrpc\":\"2.0\",\"id\":\"keys\",\"method\":\"x\",\"params\":{"));
            for (int i = 0; i < 100_000; i++) {
                writeBytes(b((i == 0 ? "" : ",") + "\"k" + i + "\":" + i));
            }
            writeBytes(b("}}"));
        }}.toByteArray();
        lines.add(manyKeys);
        return lines;
    }

    private static byte[] repeat(String s, int times) {
        return b(s.repeat(times));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** One hostile line (without its newline). */
    byte[] next() {
        int kind = random.nextInt(100);
        byte[] line;
        if (kind < 45) {
            line = mutateBytes(seeds.get(random.nextInt(seeds.size())));
        } else if (kind < 90) {
            line = b(mutateTree(trees.get(random.nextInt(trees.size())).deepCopy()).toString());
            if (random.nextInt(4) == 0) {
                line = mutateBytes(line);
            }
        } else {
            line = garbage();
        }
        return withoutNewlines(line);
    }

    private static byte[] withoutNewlines(byte[] line) {
        for (int i = 0; i < line.length; i++) {
            if (line[i] == '\n') {
                line[i] = ' ';
            }
        }
        return line;
    }

    private byte[] garbage() {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        if (random.nextBoolean()) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (32 + (bytes[i] & 0x5F)); // printable ASCII
            }
        }
        return bytes;
    }

    private byte[] mutateBytes(byte[] seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(seed);
        byte[] line = out.toByteArray();
        int operations = 1 + random.nextInt(4);
        for (int op = 0; op < operations && line.length > 0; op++) {
            int at = random.nextInt(line.length);
            switch (random.nextInt(8)) {
                case 0 -> line[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> line = splice(line, at, Math.min(line.length, at + 1 + random.nextInt(16)), new byte[0]);
                case 2 -> {
                    byte[] insert = new byte[1 + random.nextInt(8)];
                    random.nextBytes(insert);
                    line = splice(line, at, at, insert);
                }
                case 3, 4 -> line = splice(line, at, at, TOKENS[random.nextInt(TOKENS.length)]);
                case 5 -> line = splice(line, at, line.length, new byte[0]);
                case 6 -> {
                    int end = Math.min(line.length, at + 1 + random.nextInt(32));
                    byte[] copy = java.util.Arrays.copyOfRange(line, at, end);
                    line = splice(line, end, end, copy);
                }
                default -> {
                    int other = random.nextInt(line.length);
                    byte t = line[at];
                    line[at] = line[other];
                    line[other] = t;
                }
            }
        }
        return line;
    }

    private static byte[] splice(byte[] line, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length + insert.length);
        out.write(line, 0, from);
        out.writeBytes(insert);
        out.write(line, to, line.length - to);
        return out.toByteArray();
    }

    private JsonNode mutateTree(JsonNode root) {
        int operations = 1 + random.nextInt(3);
        for (int op = 0; op < operations; op++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (root instanceof ObjectNode o) {
                        o.set("id", randomValue(2));
                    }
                }
                case 1 -> {
                    if (root instanceof ObjectNode o) {
                        List<String> keys = new ArrayList<>();
                        o.fieldNames().forEachRemaining(keys::add);
                        if (!keys.isEmpty()) {
                            o.remove(keys.get(random.nextInt(keys.size())));
                        }
                    }
                }
                case 2 -> {
                    if (root instanceof ObjectNode o && random.nextBoolean()) {
                        o.put("method", List.of("initialize", "prompt", "steer", "cancel", "replay", "set_plan_mode",
                                "event", "request", "session/new", "session/prompt", "session/cancel", "session/load",
                                "authenticate", "fs/read_text_file", "$/cancel_request", "", "x".repeat(1000))
                                .get(random.nextInt(17)));
                    } else {
                        replaceRandomValue(root);
                    }
                }
                default -> replaceRandomValue(root);
            }
        }
        return root;
    }

    /** Replaces one value somewhere inside {@code root} (not the root itself). */
    private void replaceRandomValue(JsonNode root) {
        JsonNode container = root;
        for (int depth = 0; depth < 6; depth++) {
            List<JsonNode> children = new ArrayList<>();
            container.elements().forEachRemaining(children::add);
            boolean descend = !children.isEmpty() && random.nextInt(3) > 0;
            JsonNode child = children.isEmpty() ? null : children.get(random.nextInt(children.size()));
            if (descend && child != null && child.isContainerNode() && !child.isEmpty()) {
                container = child;
                continue;
            }
            break;
        }
        if (container instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            fields.forEachRemaining(e -> keys.add(e.getKey()));
            String key = keys.isEmpty() || random.nextInt(5) == 0 ? "k" + random.nextInt(100) : keys.get(random.nextInt(keys.size()));
            o.set(key, randomValue(3));
        } else if (container instanceof ArrayNode a) {
            if (a.isEmpty() || random.nextBoolean()) {
                a.add(randomValue(3));
            } else {
                a.set(random.nextInt(a.size()), randomValue(3));
            }
        }
    }

    private JsonNode randomValue(int depth) {
        switch (random.nextInt(depth <= 0 ? 9 : 12)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.booleanNode(random.nextBoolean());
            case 2: return NODES.numberNode(random.nextLong());
            case 3: return NODES.numberNode(new java.math.BigInteger(1 + random.nextInt(200), random));
            case 4: return NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(600) - 300));
            case 5: return NODES.textNode(randomText(random.nextInt(40)));
            case 6: return NODES.textNode(randomText(1000 + random.nextInt(60_000)));
            case 7: return NODES.textNode(List.of("", "2.0", "text", "image_url", "bogus", "/clear", "/yolo",
                    "approve", "reject", "session-1", "..", "/etc/passwd").get(random.nextInt(12)));
            case 8: {
                ArrayNode nest = NODES.arrayNode();
                ArrayNode inner = nest;
                for (int i = random.nextInt(900); i > 0; i--) {
                    inner = inner.addArray();
                }
                return nest;
            }
            case 9: {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomValue(depth - 1));
                }
                return a;
            }
            default: {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set(List.of("type", "text", "id", "url", "user_input", "enabled", "sessionId", "prompt",
                            "content", "x").get(random.nextInt(10)), randomValue(depth - 1));
                }
                return o;
            }
        }
    }

    private String randomText(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(20);
            if (kind == 0) {
                s.append((char) random.nextInt(32));
            } else if (kind == 1) {
                s.append((char) (0xD800 + random.nextInt(0x800))); // lone surrogates
            } else if (kind == 2) {
                s.appendCodePoint(0x1F600 + random.nextInt(80));
            } else {
                s.append((char) (32 + random.nextInt(95)));
            }
        }
        return s.toString();
    }
}
