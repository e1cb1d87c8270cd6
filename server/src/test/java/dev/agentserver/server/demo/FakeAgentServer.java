package dev.agentserver.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentserver.auth.AuthRequiredException;
import dev.agentserver.auth.AuthorizedCall;
import dev.agentserver.auth.BearerRejectedException;
import dev.agentserver.auth.CredentialedCaller;
import dev.agentserver.server.config.AgentConfig;
import dev.agentserver.server.config.ConfigLoader;
import dev.agentserver.server.config.ModelEntry;
import dev.agentserver.server.llm.ChatMessage;
import dev.agentserver.server.llm.ChatProvider;
import dev.agentserver.server.llm.ChatRequest;
import dev.agentserver.server.llm.ChatSink;
import dev.agentserver.server.llm.ProviderContext;
import dev.agentserver.server.llm.ProviderException;
import dev.agentserver.server.llm.ProviderFactory;
import dev.agentserver.server.llm.ToolSpec;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.ContentPart;
import dev.agentserver.server.model.TokenUsage;
import dev.agentserver.server.model.ToolCallData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * TEST SCAFFOLDING, not the product: the smallest {@code agent-server} that follows the documented contract
 * far enough for the demo to run end to end on this branch, where the real login, wire front end and
 * recovery path do not exist yet. {@code login} does one device-flow poll and writes the credential
 * file; {@code --wire} answers initialize and runs prompts with the real chat client, asking approval
 * for Shell calls, and recovers a 401 by refreshing from the credential file.
 */
public final class FakeAgentServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final PrintStream protocol;
    private final BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    private final Path credentials;
    private final String oauthHost;

    private FakeAgentServer(PrintStream protocol) {
        this.protocol = protocol;
        this.credentials = Path.of(System.getenv("KIMI_SHARE_DIR"), "credentials", "kimi-code.json");
        this.oauthHost = System.getenv("KIMI_CODE_OAUTH_HOST");
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = System.out;
        System.setOut(System.err); // stdout is the protocol's; any stray output goes to stderr
        FakeAgentServer server = new FakeAgentServer(protocol);
        System.exit(switch (args[0]) {
            case "login" -> server.login();
            case "--wire" -> server.wire();
            default -> 2;
        });
    }

    private int login() throws Exception {
        JsonNode device = postForm("/api/oauth/device_authorization", "client_id=fake");
        System.err.println("Open " + device.path("verification_uri_complete").asText() + " to sign in.");
        JsonNode tokens = postForm("/api/oauth/token", "client_id=fake&grant_type=urn:ietf:params:oauth:grant-type:device_code"
                + "&device_code=" + device.path("device_code").asText());
        if (!tokens.has("access_token")) {
            System.err.println("not approved: " + tokens);
            return 1;
        }
        save(tokens);
        System.err.println("Logged in.");
        return 0;
    }

    private int wire() throws Exception {
        Path share = Path.of(System.getenv("KIMI_SHARE_DIR"));
        AgentConfig config = ConfigLoader.load(share, null, null, System.getenv());
        ModelEntry model = config.defaultModel().orElseThrow();
        ChatProvider provider = ProviderFactory.create(model, config.provider(model.provider()).orElseThrow(),
                new ProviderContext((oauthKey, apiKey) -> new RefreshingCaller(), System.getenv(), HTTP, () -> "fake/0"));
        String line;
        while ((line = input.readLine()) != null) {
            JsonNode request = JSON.readTree(line);
            switch (request.path("method").asText()) {
                case "initialize" -> respond(request.path("id"), JSON.createObjectNode().put("protocol_version", "1.10")
                        .set("server", JSON.createObjectNode().put("name", "fake agent server").put("version", "0")));
                case "prompt" -> prompt(provider, request);
                default -> { }
            }
        }
        return 0;
    }

    private void prompt(ChatProvider provider, JsonNode request) throws Exception {
        String userInput = request.path("params").path("user_input").asText();
        event("TurnBegin", JSON.createObjectNode().put("user_input", userInput));
        List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.user(List.of(new ContentPart.Text(userInput)))));
        ToolSpec shell = new ToolSpec("Shell", "Run a command", JSON.createObjectNode().put("type", "object"));
        for (int step = 1; ; step++) {
            event("StepBegin", JSON.createObjectNode().put("n", step));
            StepRecorder recorder = new StepRecorder();
            try {
                provider.stream(new ChatRequest(messages, List.of(shell), false), recorder, new CancelSignal());
            } catch (ProviderException e) {
                ObjectNode error = JSON.createObjectNode().put("jsonrpc", "2.0");
                error.set("id", request.path("id"));
                error.putObject("error").put("code", e.kind() == ProviderException.Kind.AUTH_REQUIRED ? -32004 : -32003)
                        .put("message", e.getMessage());
                protocol.println(error);
                return;
            }
            event("StatusUpdate", JSON.createObjectNode().set("token_usage", JSON.createObjectNode()
                    .put("input_other", recorder.usage.inputOther()).put("output", recorder.usage.output())
                    .put("input_cache_read", 0).put("input_cache_creation", 0)));
            messages.add(ChatMessage.assistant(List.of(new ContentPart.Text(recorder.text.toString())), recorder.calls()));
            if (recorder.calls().isEmpty()) {
                event("TurnEnd", JSON.createObjectNode());
                respond(request.path("id"), JSON.createObjectNode().put("status", "finished"));
                return;
            }
            for (ToolCallData call : recorder.calls()) {
                messages.add(ChatMessage.toolResult(call.id(), runApproved(call)));
            }
        }
    }

    private String runApproved(ToolCallData call) throws Exception {
        String command = JSON.readTree(call.arguments()).path("command").asText();
        String approvalId = "approval-" + call.id();
        ObjectNode payload = JSON.createObjectNode().put("id", approvalId).put("tool_call_id", call.id())
                .put("sender", "Shell").put("action", "run command").put("description", "Run command `" + command + "`");
        protocol.println(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "request").put("id", approvalId)
                .set("params", JSON.createObjectNode().put("type", "ApprovalRequest").set("payload", payload)));
        JsonNode answer = JSON.readTree(input.readLine());
        String response = answer.path("result").path("response").asText("reject");
        event("ApprovalResponse", JSON.createObjectNode().put("request_id", approvalId).put("response", response));
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        ObjectNode returnValue = JSON.createObjectNode().put("is_error", false).put("output", output).put("message", "");
        event("ToolResult", JSON.createObjectNode().put("tool_call_id", call.id()).set("return_value", returnValue));
        return output;
    }

    private void event(String type, ObjectNode payload) {
        protocol.println(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "event")
                .set("params", JSON.createObjectNode().put("type", type).set("payload", payload)));
    }

    private void respond(JsonNode id, ObjectNode result) {
        ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        protocol.println(response);
    }

    /** Streams events as they come and keeps what the next step needs. */
    private final class StepRecorder implements ChatSink {
        final StringBuilder text = new StringBuilder();
        final List<String[]> calls = new ArrayList<>();
        TokenUsage usage = TokenUsage.ZERO;

        @Override
        public void text(String delta) {
            text.append(delta);
            event("ContentPart", JSON.createObjectNode().put("type", "text").put("text", delta));
        }

        @Override
        public void think(String delta) {
            event("ContentPart", JSON.createObjectNode().put("type", "think").put("think", delta));
        }

        @Override
        public void media(ContentPart.Media part) {
        }

        @Override
        public void toolCallStart(String id, String name, String arguments) {
            calls.add(new String[] {id, name, arguments == null ? "" : arguments});
            event("ToolCall", JSON.createObjectNode().put("type", "function").put("id", id)
                    .set("function", JSON.createObjectNode().put("name", name).put("arguments", arguments)));
        }

        @Override
        public void toolCallArguments(String delta) {
            calls.getLast()[2] += delta;
            event("ToolCallPart", JSON.createObjectNode().put("arguments_part", delta));
        }

        @Override
        public void messageId(String id) {
        }

        @Override
        public void usage(TokenUsage tokenUsage) {
            usage = tokenUsage;
        }

        List<ToolCallData> calls() {
            return calls.stream().map(c -> new ToolCallData(c[0], c[1], c[2])).toList();
        }
    }

    /** The recovery path reduced to its core: on a 401, refresh from the credential file and retry once. */
    private final class RefreshingCaller implements CredentialedCaller {
        @Override
        public <T, X extends Exception> T call(AuthorizedCall<T, X> call) throws X, AuthRequiredException {
            try {
                return call.call(read().path("access_token").asText());
            } catch (BearerRejectedException first) {
                try {
                    JsonNode rotated = postForm("/api/oauth/token", "client_id=fake&grant_type=refresh_token&refresh_token="
                            + read().path("refresh_token").asText());
                    save(rotated);
                    return call.call(rotated.path("access_token").asText());
                } catch (BearerRejectedException | IOException | InterruptedException second) {
                    throw new AuthRequiredException("recovery failed: " + second.getMessage());
                }
            }
        }

        @Override
        public boolean usesOAuth() {
            return true;
        }

        @Override
        public boolean hasUsableCredentials() {
            return true;
        }
    }

    private JsonNode read() {
        try {
            return JSON.readTree(Files.readString(credentials));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void save(JsonNode tokens) throws IOException {
        Files.createDirectories(credentials.getParent());
        Files.writeString(credentials, tokens.toString());
    }

    private JsonNode postForm(String path, String form) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(oauthHost + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
