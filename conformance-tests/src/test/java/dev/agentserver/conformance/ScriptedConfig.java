package dev.agentserver.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A data dir, work dir and {@code _scripted_echo} configuration for one black-box test, following the
 * reference's e2e conventions (HOME and KIMI_SHARE_DIR in a temp dir, config passed with --config-file).
 */
public final class ScriptedConfig {

    public final Path shareDir;
    public final Path workDir;
    public final Path configFile;
    public final Path scriptsFile;

    public ScriptedConfig(Path temp, List<String> scripts) throws IOException {
        this.shareDir = Files.createDirectories(temp.resolve("share"));
        this.workDir = Files.createDirectories(temp.resolve("work"));
        this.scriptsFile = temp.resolve("scripts.json");
        this.configFile = temp.resolve("config.json");
        setScripts(scripts);
        ObjectNode config = ServerProcess.JSON.createObjectNode();
        config.put("default_model", "scripted");
        config.putObject("models").putObject("scripted").put("provider", "p").put("model", "scripted_echo")
                .put("max_context_size", 100000);
        ObjectNode provider = config.putObject("providers").putObject("p");
        provider.put("type", "_scripted_echo").put("base_url", "").put("api_key", "");
        provider.putObject("env").put("KIMI_SCRIPTED_ECHO_SCRIPTS", scriptsFile.toString());
        Files.writeString(configFile, config.toString());
    }

    public void setScripts(List<String> scripts) throws IOException {
        ArrayNode array = ServerProcess.JSON.createArrayNode();
        scripts.forEach(array::add);
        Files.writeString(scriptsFile, array.toString());
    }

    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", shareDir.getParent().toString());
        env.put("KIMI_SHARE_DIR", shareDir.toString());
        return env;
    }

    /** The standard arguments: wire mode, this work dir and config, plus {@code extra}. */
    public List<String> wireArgs(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--wire", "--work-dir", workDir.toString(),
                "--config-file", configFile.toString()));
        args.addAll(List.of(extra));
        return args;
    }

    public ServerProcess startWire(String... extra) throws IOException {
        return ServerProcess.start(wireArgs(extra), env(), workDir);
    }
}
