package dev.agentserver.protocol.acp;

import static org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod.notification;
import static org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod.request;

import com.google.gson.JsonObject;
import dev.agentserver.protocol.acp.AgentRequests.AuthenticateRequest;
import dev.agentserver.protocol.acp.AgentRequests.InitializeRequest;
import dev.agentserver.protocol.acp.AgentRequests.ListSessionsRequest;
import dev.agentserver.protocol.acp.AgentRequests.LoadSessionRequest;
import dev.agentserver.protocol.acp.AgentRequests.NewSessionRequest;
import dev.agentserver.protocol.acp.AgentRequests.PromptRequest;
import dev.agentserver.protocol.acp.AgentRequests.ResumeSessionRequest;
import dev.agentserver.protocol.acp.AgentRequests.SessionRef;
import dev.agentserver.protocol.acp.AgentRequests.SetSessionConfigOptionRequest;
import dev.agentserver.protocol.acp.AgentRequests.SetSessionModeRequest;
import dev.agentserver.protocol.acp.AgentResponses.InitializeResponse;
import dev.agentserver.protocol.acp.AgentResponses.ListSessionsResponse;
import dev.agentserver.protocol.acp.AgentResponses.NewSessionResponse;
import dev.agentserver.protocol.acp.AgentResponses.PromptResponse;
import dev.agentserver.protocol.acp.AgentResponses.SessionSetup;
import dev.agentserver.protocol.acp.AgentResponses.SetSessionConfigOptionResponse;
import dev.agentserver.protocol.acp.ClientRequests.CreateTerminalRequest;
import dev.agentserver.protocol.acp.ClientRequests.ReadTextFileRequest;
import dev.agentserver.protocol.acp.ClientRequests.RequestPermissionRequest;
import dev.agentserver.protocol.acp.ClientRequests.SessionNotification;
import dev.agentserver.protocol.acp.ClientRequests.TerminalRequest;
import dev.agentserver.protocol.acp.ClientRequests.WriteTextFileRequest;
import dev.agentserver.protocol.acp.ClientResponses.CreateTerminalResponse;
import dev.agentserver.protocol.acp.ClientResponses.ReadTextFileResponse;
import dev.agentserver.protocol.acp.ClientResponses.RequestPermissionResponse;
import dev.agentserver.protocol.acp.ClientResponses.TerminalExitStatus;
import dev.agentserver.protocol.acp.ClientResponses.TerminalOutputResponse;
import dev.agentserver.protocol.jsonrpc.RpcBinding;
import dev.agentserver.protocol.jsonrpc.UnknownMethod;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;

/** ACP's {@link AcpAgent} and {@link AcpClient} written out for lsp4j (see {@link RpcBinding} for why). */
public final class AcpBinding extends RpcBinding<AcpAgent, AcpClient> {

    private static final Map<String, JsonRpcMethod> AGENT = table(
            request("initialize", InitializeResponse.class, InitializeRequest.class),
            request("authenticate", JsonObject.class, AuthenticateRequest.class),
            request("logout", JsonObject.class),
            request("session/new", NewSessionResponse.class, NewSessionRequest.class),
            request("session/load", SessionSetup.class, LoadSessionRequest.class),
            request("session/resume", SessionSetup.class, ResumeSessionRequest.class),
            request("session/list", ListSessionsResponse.class, ListSessionsRequest.class),
            request("session/close", JsonObject.class, SessionRef.class),
            request("session/prompt", PromptResponse.class, PromptRequest.class),
            notification("session/cancel", SessionRef.class),
            request("session/set_mode", JsonObject.class, SetSessionModeRequest.class),
            request("session/set_config_option", SetSessionConfigOptionResponse.class, SetSessionConfigOptionRequest.class));

    private static final Map<String, JsonRpcMethod> CLIENT = table(
            notification("session/update", SessionNotification.class),
            request("session/request_permission", RequestPermissionResponse.class, RequestPermissionRequest.class),
            request("fs/read_text_file", ReadTextFileResponse.class, ReadTextFileRequest.class),
            request("fs/write_text_file", JsonObject.class, WriteTextFileRequest.class),
            request("terminal/create", CreateTerminalResponse.class, CreateTerminalRequest.class),
            request("terminal/output", TerminalOutputResponse.class, TerminalRequest.class),
            request("terminal/wait_for_exit", TerminalExitStatus.class, TerminalRequest.class),
            request("terminal/kill", JsonObject.class, TerminalRequest.class),
            request("terminal/release", JsonObject.class, TerminalRequest.class));

    public static final AcpBinding INSTANCE = new AcpBinding();

    private AcpBinding() {
        super(AcpAgent.class, AcpClient.class, AGENT, CLIENT);
    }

    @Override
    public Endpoint endpoint(AcpAgent agent) {
        return new Endpoint() {
            @Override
            public CompletableFuture<?> request(String method, Object params) {
                return switch (method) {
                    case "initialize" -> agent.initialize((InitializeRequest) params);
                    case "authenticate" -> agent.authenticate((AuthenticateRequest) params);
                    case "logout" -> agent.logout();
                    case "session/new" -> agent.newSession((NewSessionRequest) params);
                    case "session/load" -> agent.loadSession((LoadSessionRequest) params);
                    case "session/resume" -> agent.resumeSession((ResumeSessionRequest) params);
                    case "session/list" -> agent.listSessions((ListSessionsRequest) params);
                    case "session/close" -> agent.closeSession((SessionRef) params);
                    case "session/prompt" -> agent.prompt((PromptRequest) params);
                    case "session/set_mode" -> agent.setMode((SetSessionModeRequest) params);
                    case "session/set_config_option" -> agent.setConfigOption((SetSessionConfigOptionRequest) params);
                    default -> UnknownMethod.request(method);
                };
            }

            @Override
            public void notify(String method, Object params) {
                switch (method) {
                    case "session/cancel" -> agent.cancel((SessionRef) params);
                    default -> UnknownMethod.notification(method);
                }
            }
        };
    }

    @Override
    public AcpClient remote(Endpoint remote) {
        return new Client(remote);
    }

    private static final class Client implements AcpClient {
        private final Endpoint remote;

        Client(Endpoint remote) {
            this.remote = remote;
        }

        @SuppressWarnings("unchecked")
        private <T> CompletableFuture<T> request(String method, Object params) {
            return (CompletableFuture<T>) remote.request(method, params);
        }

        @Override
        public void sessionUpdate(SessionNotification params) {
            remote.notify("session/update", params);
        }

        @Override
        public CompletableFuture<RequestPermissionResponse> requestPermission(RequestPermissionRequest params) {
            return request("session/request_permission", params);
        }

        @Override
        public CompletableFuture<ReadTextFileResponse> readTextFile(ReadTextFileRequest params) {
            return request("fs/read_text_file", params);
        }

        @Override
        public CompletableFuture<JsonObject> writeTextFile(WriteTextFileRequest params) {
            return request("fs/write_text_file", params);
        }

        @Override
        public CompletableFuture<CreateTerminalResponse> createTerminal(CreateTerminalRequest params) {
            return request("terminal/create", params);
        }

        @Override
        public CompletableFuture<TerminalOutputResponse> terminalOutput(TerminalRequest params) {
            return request("terminal/output", params);
        }

        @Override
        public CompletableFuture<TerminalExitStatus> waitForTerminalExit(TerminalRequest params) {
            return request("terminal/wait_for_exit", params);
        }

        @Override
        public CompletableFuture<JsonObject> killTerminal(TerminalRequest params) {
            return request("terminal/kill", params);
        }

        @Override
        public CompletableFuture<JsonObject> releaseTerminal(TerminalRequest params) {
            return request("terminal/release", params);
        }
    }
}
