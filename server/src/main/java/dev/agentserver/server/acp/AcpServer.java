package dev.agentserver.server.acp;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.agentserver.protocol.acp.AcpAgent;
import dev.agentserver.protocol.acp.AcpBinding;
import dev.agentserver.protocol.acp.AcpClient;
import dev.agentserver.protocol.acp.AcpGson;
import dev.agentserver.protocol.acp.AgentRequests.AuthenticateRequest;
import dev.agentserver.protocol.acp.AgentRequests.ClientCapabilities;
import dev.agentserver.protocol.acp.AgentRequests.InitializeRequest;
import dev.agentserver.protocol.acp.AgentRequests.ListSessionsRequest;
import dev.agentserver.protocol.acp.AgentRequests.LoadSessionRequest;
import dev.agentserver.protocol.acp.AgentRequests.NewSessionRequest;
import dev.agentserver.protocol.acp.AgentRequests.PromptRequest;
import dev.agentserver.protocol.acp.AgentRequests.ResumeSessionRequest;
import dev.agentserver.protocol.acp.AgentRequests.SessionRef;
import dev.agentserver.protocol.acp.AgentRequests.SetSessionConfigOptionRequest;
import dev.agentserver.protocol.acp.AgentRequests.SetSessionModeRequest;
import dev.agentserver.protocol.acp.AgentResponses;
import dev.agentserver.protocol.acp.AgentResponses.AgentCapabilities;
import dev.agentserver.protocol.acp.AgentResponses.AuthMethod;
import dev.agentserver.protocol.acp.AgentResponses.InitializeResponse;
import dev.agentserver.protocol.acp.AgentResponses.ListSessionsResponse;
import dev.agentserver.protocol.acp.AgentResponses.NewSessionResponse;
import dev.agentserver.protocol.acp.AgentResponses.PromptResponse;
import dev.agentserver.protocol.acp.AgentResponses.SessionInfo;
import dev.agentserver.protocol.acp.AgentResponses.SessionSetup;
import dev.agentserver.protocol.acp.AgentResponses.SetSessionConfigOptionResponse;
import dev.agentserver.protocol.acp.Implementation;
import dev.agentserver.protocol.jsonrpc.JsonRpcConnection;
import dev.agentserver.protocol.jsonrpc.RpcDialect;
import dev.agentserver.server.ids.RandomIds;
import dev.agentserver.server.runtime.OpenedSession;
import dev.agentserver.server.runtime.ServerRuntime;
import dev.agentserver.server.runtime.ServerVersion;
import dev.agentserver.server.session.SessionFiles;
import dev.agentserver.server.tools.CommandRunner;
import dev.agentserver.server.tools.FileAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACP front end: a thin adapter from ACP methods to the agent core, for any number of sessions on one
 * connection. It owns the sessions open in this process, what the client said it can do, and the
 * translation of core outcomes into ACP answers. Long work (turns, opening and replaying sessions) runs on
 * the runtime's executor; handlers return at once.
 */
public final class AcpServer implements AcpAgent {

    private static final Logger LOG = LoggerFactory.getLogger(AcpServer.class);

    /** The only protocol version this agent speaks; it is the answer to any requested version. */
    static final int PROTOCOL_VERSION = 1;

    private static final AgentCapabilities CAPABILITIES = new AgentCapabilities(true,
            new AgentResponses.PromptCapabilities(true, false, true),
            new AgentResponses.McpCapabilities(false, false),
            new AgentResponses.SessionCapabilities(new JsonObject(), new JsonObject(), new JsonObject()),
            new AgentResponses.AuthCapabilities(new JsonObject()));

    private final ServerRuntime runtime;
    private final ModelInEffect model;
    private final Supplier<FileAccess> localFiles;
    private final Supplier<CommandRunner> localCommands;
    private final Gson gson = AcpGson.create();
    private final ClientCalls calls = new ClientCalls();
    private final Map<String, AcpSession> sessions = new ConcurrentHashMap<>();
    private volatile ClientCapabilities capabilities = ClientCapabilities.NONE;
    private volatile List<AuthMethod> authMethods;
    private AcpClient client;

    /**
     * @param localFiles    files for sessions whose client does not offer {@code fs/*}
     * @param localCommands commands for sessions whose client does not offer {@code terminal/*}
     */
    public AcpServer(ServerRuntime runtime, ModelInEffect model, Supplier<FileAccess> localFiles,
            Supplier<CommandRunner> localCommands) {
        this.runtime = runtime;
        this.model = model;
        this.localFiles = localFiles;
        this.localCommands = localCommands;
        this.authMethods = AuthMethods.forClient(capabilities, runtime.launcherCommand());
    }

    /**
     * Serves ACP on {@code in}/{@code out} until the input ends, then stops what is still running.
     *
     * @return the process exit code: 0 at the end of input, 1 when the input could not be read
     */
    public static int serve(ServerRuntime runtime, ModelInEffect model, InputStream in, OutputStream out,
            Supplier<FileAccess> localFiles, Supplier<CommandRunner> localCommands) {
        AcpServer server = new AcpServer(runtime, model, localFiles, localCommands);
        JsonRpcConnection<AcpClient> connection = JsonRpcConnection.create(AcpBinding.INSTANCE, server, RpcDialect.ACP,
                AcpGson.CONFIG, in, out);
        server.connect(connection.remote());
        connection.onRequestCancel(server::cancelRequest);
        try {
            connection.run();
            return 0;
        } catch (IOException e) {
            LOG.error("reading the client's input failed", e);
            return 1;
        } finally {
            server.shutdown();
        }
    }

    /** Connects the peer; called once, before the first message is read. */
    public void connect(AcpClient peer) {
        this.client = peer;
    }

    @Override
    public CompletableFuture<InitializeResponse> initialize(InitializeRequest params) {
        capabilities = params.capabilities();
        authMethods = AuthMethods.forClient(capabilities, runtime.launcherCommand());
        if (params.clientInfo() != null && params.clientInfo().name() != null) {
            runtime.clientNameListener().accept(params.clientInfo().name());
        }
        return CompletableFuture.completedFuture(new InitializeResponse(PROTOCOL_VERSION, CAPABILITIES, authMethods,
                new Implementation("agent-server", "Agent Server", ServerVersion.VERSION)));
    }

    /** Logging in happens in a terminal; this only confirms that it did. */
    @Override
    public CompletableFuture<JsonObject> authenticate(AuthenticateRequest params) {
        if (!AuthMethods.LOGIN_ID.equals(params.methodId())) {
            return CompletableFuture.failedFuture(AcpErrors.invalidParams("Unknown auth method: " + params.methodId()));
        }
        return CompletableFuture.supplyAsync(() -> {
            requireLogin();
            return new JsonObject();
        }, runtime.executor());
    }

    @Override
    public CompletableFuture<JsonObject> logout() {
        return CompletableFuture.supplyAsync(() -> {
            runtime.auth().logout();
            return new JsonObject();
        }, runtime.executor());
    }

    @Override
    public CompletableFuture<NewSessionResponse> newSession(NewSessionRequest params) {
        String sessionId = RandomIds.uuid();
        AnswerThen<NewSessionResponse> answer = new AnswerThen<>(() -> sessionReady(sessionId));
        runtime.executor().execute(() -> {
            try {
                requireLogin();
                AcpSession session = open(sessionId, Path.of(params.cwd()));
                answer.complete(new NewSessionResponse(sessionId, session.modes(), session.options()));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    @Override
    public CompletableFuture<SessionSetup> loadSession(LoadSessionRequest params) {
        return reopen(params.sessionId(), params.cwd(), true);
    }

    @Override
    public CompletableFuture<SessionSetup> resumeSession(ResumeSessionRequest params) {
        return reopen(params.sessionId(), params.cwd(), false);
    }

    /** Load and resume: the session open in this process, or opened from its files; load replays first. */
    private CompletableFuture<SessionSetup> reopen(String sessionId, String cwd, boolean replay) {
        AnswerThen<SessionSetup> answer = new AnswerThen<>(() -> sessionReady(sessionId));
        runtime.executor().execute(() -> {
            try {
                AcpSession session = sessions.get(sessionId);
                if (session == null) {
                    SessionFiles files = runtime.sessions().store().find(sessionId)
                            .orElseThrow(() -> AcpErrors.sessionNotFound(sessionId));
                    String recorded = files.state().workDir();
                    session = open(sessionId, Path.of(recorded != null ? recorded : cwd));
                }
                if (replay) {
                    session.replayHistory();
                }
                answer.complete(new SessionSetup(session.modes(), session.options()));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    @Override
    public CompletableFuture<ListSessionsResponse> listSessions(ListSessionsRequest params) {
        return CompletableFuture.supplyAsync(() -> {
            Path cwd = params.cwd() == null ? null : Path.of(params.cwd());
            List<SessionInfo> infos = runtime.sessions().store().list(cwd).stream()
                    .filter(summary -> summary.workDir() != null)
                    .map(s -> new SessionInfo(s.id(), s.workDir(), s.title(), s.updatedAt().toString()))
                    .toList();
            return new ListSessionsResponse(infos, null);
        }, runtime.executor());
    }

    @Override
    public CompletableFuture<JsonObject> closeSession(SessionRef params) {
        AcpSession session = sessions.remove(params.sessionId());
        if (session == null) {
            return CompletableFuture.failedFuture(AcpErrors.sessionNotFound(params.sessionId()));
        }
        return session.close().thenApply(closed -> new JsonObject());
    }

    @Override
    public CompletableFuture<PromptResponse> prompt(PromptRequest params) {
        return withSession(params.sessionId(), session -> session.prompt(params.prompt()));
    }

    @Override
    public void cancel(SessionRef params) {
        Optional.ofNullable(sessions.get(params.sessionId())).ifPresent(AcpSession::cancel);
    }

    /**
     * {@code $/cancel_request}: a prompt is cancelled like {@code session/cancel}, so that it still answers
     * with stopReason "cancelled" and every update comes before that answer. Any other request is left to
     * the engine, which answers it -32800.
     */
    boolean cancelRequest(String method, Object params) {
        if (params instanceof PromptRequest prompt) {
            Optional.ofNullable(sessions.get(prompt.sessionId())).ifPresent(AcpSession::cancel);
            return true;
        }
        return false;
    }

    @Override
    public CompletableFuture<JsonObject> setMode(SetSessionModeRequest params) {
        return withSession(params.sessionId(), session -> {
            session.setMode(params.modeId());
            return CompletableFuture.completedFuture(new JsonObject());
        });
    }

    @Override
    public CompletableFuture<SetSessionConfigOptionResponse> setConfigOption(SetSessionConfigOptionRequest params) {
        return withSession(params.sessionId(), session -> {
            if (params.value().isBoolean()) {
                throw AcpErrors.invalidParams(params.configId() + " is not a boolean option");
            }
            return CompletableFuture.completedFuture(new SetSessionConfigOptionResponse(
                    session.setOption(params.configId(), params.value().getAsString())));
        });
    }

    private interface SessionCall<T> {
        CompletableFuture<T> apply(AcpSession session);
    }

    /** Runs {@code call} on an open session; an unknown one is -32002, and a refusal becomes the answer. */
    private <T> CompletableFuture<T> withSession(String sessionId, SessionCall<T> call) {
        AcpSession session = sessions.get(sessionId);
        if (session == null) {
            return CompletableFuture.failedFuture(AcpErrors.sessionNotFound(sessionId));
        }
        try {
            return call.apply(session);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /**
     * Opens a session with the client's file system and terminal when it offers them, and the local ones
     * otherwise.
     */
    private AcpSession open(String sessionId, Path workDir) {
        ClientCapabilities client = capabilities;
        TurnHostSlot hostSlot = new TurnHostSlot();
        FileAccess files = client.readsTextFiles() || client.writesTextFiles()
                ? new EditorFileAccess(this.client, calls, sessionId, localFiles.get(), client.readsTextFiles(),
                        client.writesTextFiles())
                : localFiles.get();
        CommandRunner commands = client.runsTerminals()
                ? new EditorTerminalRunner(this.client, calls, sessionId, hostSlot::terminalStarted)
                : localCommands.get();
        OpenedSession opened = runtime.sessions().open(workDir, sessionId, files, commands);
        AcpSession session = new AcpSession(opened, workDir, hostSlot, new SessionUpdates(this.client, sessionId),
                new PermissionRequests(this.client, sessionId),
                new SessionControls(opened.session(), model, runtime.models()), this::authErrorData, runtime.executor());
        sessions.put(sessionId, session);
        return session;
    }

    /**
     * After a session's answer is written: its commands are announced, and the runtime hears that a session
     * opened, which starts preparing for prompts; after the answer, so that work does not delay it.
     */
    private void sessionReady(String sessionId) {
        Optional.ofNullable(sessions.get(sessionId)).ifPresent(AcpSession::announceCommands);
        runtime.sessionOpened().run();
    }

    /** auth_required only when the provider needs OAuth credentials and none are usable. */
    private void requireLogin() {
        if (runtime.auth().loginRequired()) {
            throw AcpErrors.authRequired(authErrorData());
        }
    }

    private JsonObject authErrorData() {
        return AuthMethods.errorData(authMethods, gson);
    }

    /**
     * End of input: fail what waits for the client, stop every turn, and give them a moment to finish
     * their clean-up (a turn's answer can no longer be delivered, but its log should be complete).
     */
    public void shutdown() {
        calls.closeAll();
        List<CompletableFuture<Void>> closing = sessions.values().stream().map(AcpSession::close).toList();
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException notInTime) {
            LOG.warn("some turns did not stop within 2 s of the end of input");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
