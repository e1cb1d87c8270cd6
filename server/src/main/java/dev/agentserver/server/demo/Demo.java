package dev.agentserver.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.server.sim.Simulator;
import dev.agentserver.server.sim.SimulatorOptions;
import dev.agentserver.server.sim.SimulatorStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code agent-server demo}: the whole system on loopback in a few seconds. It starts the simulator,
 * makes a throw-away data directory whose config uses OAuth against it, runs {@code agent-server login}
 * (the simulator approves the device code by itself), starts {@code agent-server --wire}, runs a prompt
 * whose reply calls the Shell tool (and approves the call), then expires the access token and runs a
 * second prompt to show that the 401 is recovered without the client seeing it. The transcript goes to
 * stdout; the exit code is 0 when every step did what it should.
 */
public final class Demo {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    static final String FIRST_PROMPT = "Please run `echo hello from the demo`";
    static final String FIRST_REPLY_SCRIPT = """
            think: The user wants a command run. The Shell tool does that once they approve it.
            text: Sure, I'll run it.
            tool_call: {"id":"call_demo_1","name":"Shell","arguments":"{\\"command\\":\\"echo hello from the demo\\"}"}
            usage: input_other=812 output=41
            """;
    static final String SECOND_PROMPT = "Thanks! Anything else?";

    private final PrintStream out;
    private final Path launcher;
    private final Map<String, String> environment;
    private final TranscriptFormatter transcript;

    Demo(PrintStream out, Path launcher, Map<String, String> environment) {
        this.out = out;
        this.launcher = launcher;
        this.environment = environment;
        this.transcript = new TranscriptFormatter(out::println);
    }

    /** The launcher is {@code -Dagent.server.launcher} (bin/agent-server sets it), else {@code bin/agent-server}. */
    public static int run(String[] args) {
        if (args.length > 0) {
            System.err.println("usage: agent-server demo   (takes no options; runs against a loopback simulator)");
            return args[0].equals("--help") || args[0].equals("-h") ? 0 : 2;
        }
        Path launcher = Path.of(System.getProperty("agent.server.launcher", "bin/agent-server"));
        int exit = new Demo(System.out, launcher, System.getenv()).runAll();
        if (exit != 0) {
            System.err.println("agent-server demo: failed (see above)");
        }
        return exit;
    }

    int runAll() {
        SimulatorOptions options = SimulatorOptions.defaults().withAutoApproveAfterPolls(0);
        try (Simulator simulator = Simulator.start(options);
                DemoWorkspace workspace = DemoWorkspace.create(simulator.oauthBaseUrl(), simulator.chatBaseUrl())) {
            out.println("agent-server demo: everything below runs on 127.0.0.1, nothing leaves this machine.");
            out.println("  simulated Kimi OAuth server  " + simulator.oauthBaseUrl());
            out.println("  simulated chat API           " + simulator.chatBaseUrl());
            out.println("  throw-away data directory    " + workspace.shareDir());
            out.println();
            login(workspace);
            try (WireClient wire = startWire(workspace)) {
                request(wire, "init", "initialize", JSON.createObjectNode()
                        .put("protocol_version", "1.10")
                        .set("client", JSON.createObjectNode().put("name", "agent-server-demo").put("version", "1")));

                out.println();
                simulator.enqueueScripts(List.of(FIRST_REPLY_SCRIPT));
                prompt(wire, "prompt-1", FIRST_PROMPT);

                out.println();
                SimulatorStats before = simulator.stats();
                transcript.note("The simulator now expires the access token, as if it had reached its end of life.");
                simulator.expireAccessTokens();
                prompt(wire, "prompt-2", SECOND_PROMPT);
                explainRecovery(before, simulator.stats());
            }
            out.println();
            out.println("Done. The data directory is deleted; run `agent-server sim` to script your own session.");
            return 0;
        } catch (ChildProcessFailure | IOException e) {
            out.flush();
            System.err.println("agent-server demo: " + e.getMessage());
            return 1;
        }
    }

    private void login(DemoWorkspace workspace) throws IOException, ChildProcessFailure {
        out.println("$ agent-server login");
        ProcessBuilder builder = child(workspace, List.of("login")).redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().close(); // nothing to type: the simulator approves the code by itself
        Thread echo = Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
                reader.lines().forEach(line -> out.println("  login | " + line));
            } catch (IOException ignored) {
                // the process ended; its exit code tells the rest
            }
        });
        try {
            if (!process.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ChildProcessFailure("agent-server login did not finish within " + STEP_TIMEOUT.toSeconds() + " s");
            }
            echo.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new ChildProcessFailure("interrupted during login");
        }
        if (process.exitValue() != 0) {
            throw new ChildProcessFailure("agent-server login exited with " + process.exitValue());
        }
    }

    private WireClient startWire(DemoWorkspace workspace) throws IOException {
        out.println("$ agent-server --wire --work-dir " + workspace.workDir());
        return WireClient.start(child(workspace, List.of("--wire", "--work-dir", workspace.workDir().toString())));
    }

    private ProcessBuilder child(DemoWorkspace workspace, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.workDir().toFile());
        builder.environment().clear();
        builder.environment().putAll(workspace.childEnvironment(environment));
        return builder;
    }

    private void prompt(WireClient wire, String id, String text) throws ChildProcessFailure {
        JsonNode result = request(wire, id, "prompt", JSON.createObjectNode().put("user_input", text));
        if (!result.path("status").asText().equals("finished")) {
            throw new ChildProcessFailure("the prompt ended as " + result.path("status").asText() + ", not finished");
        }
    }

    /** Sends a request and shows everything the server says until it answers it; approves every tool call. */
    private JsonNode request(WireClient wire, String id, String method, ObjectNode params) throws ChildProcessFailure {
        wire.send(JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method).set("params", params));
        while (true) {
            JsonNode message = wire.next(STEP_TIMEOUT);
            transcript.accept(message);
            if (isApprovalRequest(message)) {
                approve(wire, message);
            } else if (id.equals(message.path("id").asText(null)) && !message.has("method")) {
                transcript.flush();
                if (message.has("error")) {
                    throw new ChildProcessFailure(method + " failed: " + message.path("error").path("message").asText());
                }
                return message.path("result");
            }
        }
    }

    private static boolean isApprovalRequest(JsonNode message) {
        return "request".equals(message.path("method").asText())
                && "ApprovalRequest".equals(message.path("params").path("type").asText());
    }

    /** The answer's JSON-RPC id and request_id are both the payload id (wire reference §5). */
    private void approve(WireClient wire, JsonNode request) throws ChildProcessFailure {
        transcript.note("approving (a person would be asked here)");
        String approvalId = request.path("params").path("payload").path("id").asText();
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", request.path("id"));
        answer.putObject("result").put("request_id", approvalId).put("response", "approve");
        wire.send(answer);
    }

    private void explainRecovery(SimulatorStats before, SimulatorStats after) throws ChildProcessFailure {
        int rejected = after.chat().unauthorized() - before.chat().unauthorized();
        int refreshed = after.tokens().refreshSucceeded() - before.tokens().refreshSucceeded();
        int reused = after.tokens().rotatedTokenReuses();
        if (rejected < 1 || refreshed < 1 || reused > 0) {
            throw new ChildProcessFailure("the expired access token was not recovered as expected (401 answers: "
                    + rejected + ", refreshes: " + refreshed + ", reuses of a rotated refresh token: " + reused + ")");
        }
        transcript.note("Behind the scenes the chat API answered 401 " + times(rejected)
                + "; the server refreshed the token (the refresh token rotated " + times(refreshed)
                + ") and retried. The client saw no error: the prompt simply finished.");
    }

    private static String times(int count) {
        return count == 1 ? "once" : count + " times";
    }
}
