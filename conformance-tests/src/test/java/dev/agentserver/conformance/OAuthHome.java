package dev.agentserver.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One shared data directory for several server processes whose provider is the simulator's chat API with
 * Kimi Code OAuth credentials ({@code credentials/kimi-code.json}), optionally with a static api key as the
 * fallback. Seeds and rewrites the credential file the way another instance would: temp file, fsync, rename.
 */
public final class OAuthHome {

    public static final String STATIC_KEY = "conformance-static-key";

    public final SimProcess sim;
    public final Path shareDir;
    public final Path workDir;
    public final Path credentialsDir;
    public final Path credentialFile;
    public final Path lockFile;
    public final boolean staticKey;

    /** Writes {@code config.toml}; with {@code staticKey} the provider has {@link #STATIC_KEY} as its api_key. */
    public OAuthHome(Path temp, SimProcess sim, boolean staticKey) throws IOException {
        this.sim = sim;
        this.staticKey = staticKey;
        this.shareDir = Files.createDirectories(temp.resolve("share"));
        this.workDir = Files.createDirectories(temp.resolve("work"));
        this.credentialsDir = shareDir.resolve("credentials");
        Files.createDirectories(credentialsDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        this.credentialFile = credentialsDir.resolve("kimi-code.json");
        this.lockFile = credentialsDir.resolve("kimi-code.lock");
        Files.writeString(shareDir.resolve("config.toml"), """
                default_model = "k"

                [models.k]
                provider = "k"
                model = "kimi-conformance"
                max_context_size = 100000

                [providers.k]
                type = "kimi"
                base_url = "%s"
                api_key = "%s"
                oauth = { storage = "file", key = "oauth/kimi-code" }
                """.formatted(sim.chatBaseUrl, staticKey ? STATIC_KEY : ""));
    }

    /** The environment of a server process: this data dir, the simulator as the OAuth host. */
    public Map<String, String> env() {
        return env(sim.oauthHost);
    }

    /** As {@link #env()}, with another OAuth host (e.g. a proxy in front of the simulator). */
    public Map<String, String> env(String oauthHost) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", shareDir.getParent().toString());
        env.put("KIMI_SHARE_DIR", shareDir.toString());
        env.put("KIMI_CODE_OAUTH_HOST", oauthHost);
        return env;
    }

    /** A wire server in yolo mode on this data dir. */
    public ServerProcess startWire(String... extra) throws IOException {
        return startWire(env(), extra);
    }

    public ServerProcess startWire(Map<String, String> env, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--wire", "--yolo", "--work-dir", workDir.toString()));
        args.addAll(List.of(extra));
        return ServerProcess.start(args, env, workDir);
    }

    /** Logs in as a fresh device elsewhere would: new tokens from the simulator, written atomically. */
    public JsonNode seed() throws IOException {
        JsonNode grant = sim.issueTokens();
        writeGrant(grant);
        return grant;
    }

    /** Writes a token grant as the credential file: temp file (0600) in the same directory, fsync, rename. */
    public void writeGrant(JsonNode grant) throws IOException {
        ObjectNode file = ServerProcess.JSON.createObjectNode();
        file.put("access_token", grant.path("access_token").asText());
        file.put("refresh_token", grant.path("refresh_token").asText());
        file.put("expires_at", System.currentTimeMillis() / 1000.0 + grant.path("expires_in").asDouble());
        file.put("scope", grant.path("scope").asText("kimi-code"));
        file.put("token_type", grant.path("token_type").asText("Bearer"));
        file.put("expires_in", grant.path("expires_in").asInt());
        writeAtomically(ServerProcess.JSON.writeValueAsBytes(file));
    }

    public void writeAtomically(byte[] content) throws IOException {
        Path temp = Files.createTempFile(credentialsDir, "conformance-", ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(content));
            channel.force(true);
        }
        Files.move(temp, credentialFile, StandardCopyOption.ATOMIC_MOVE);
    }

    public JsonNode credentials() throws IOException {
        return ServerProcess.JSON.readTree(Files.readAllBytes(credentialFile));
    }

    public String refreshToken() throws IOException {
        return credentials().path("refresh_token").asText();
    }

    public String accessToken() throws IOException {
        return credentials().path("access_token").asText();
    }

    public byte[] credentialBytes() throws IOException {
        return Files.readAllBytes(credentialFile);
    }

    /**
     * Runs {@code bin/agent-server login} against the simulator (which approves device codes by itself) and
     * returns its exit code.
     */
    public int login() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ServerProcess.launcher().toString(), "login")
                .directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("KIMI_") || k.startsWith("OPENAI_"));
        builder.environment().putAll(env());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("login did not finish: " + new String(output, StandardCharsets.UTF_8));
        }
        return process.exitValue();
    }
}
