package dev.agentserver.protocol.acp;

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
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/**
 * ACP v1, the methods the agent handles (the stable set, without {@code session/delete}). Every handler
 * returns at once with a future. Empty results are {@code {}}.
 */
public interface AcpAgent {

    @JsonRequest("initialize")
    CompletableFuture<InitializeResponse> initialize(InitializeRequest params);

    @JsonRequest("authenticate")
    CompletableFuture<JsonObject> authenticate(AuthenticateRequest params);

    /** Params are {@code {}} and ignored. */
    @JsonRequest("logout")
    CompletableFuture<JsonObject> logout();

    @JsonRequest("session/new")
    CompletableFuture<NewSessionResponse> newSession(NewSessionRequest params);

    /** Replays the history as {@code session/update}s, then answers. */
    @JsonRequest("session/load")
    CompletableFuture<SessionSetup> loadSession(LoadSessionRequest params);

    @JsonRequest("session/resume")
    CompletableFuture<SessionSetup> resumeSession(ResumeSessionRequest params);

    @JsonRequest("session/list")
    CompletableFuture<ListSessionsResponse> listSessions(ListSessionsRequest params);

    @JsonRequest("session/close")
    CompletableFuture<JsonObject> closeSession(SessionRef params);

    /** Answers after the turn's last update; a cancelled turn answers {@code cancelled}, never an error. */
    @JsonRequest("session/prompt")
    CompletableFuture<PromptResponse> prompt(PromptRequest params);

    @JsonNotification("session/cancel")
    void cancel(SessionRef params);

    @JsonRequest("session/set_mode")
    CompletableFuture<JsonObject> setMode(SetSessionModeRequest params);

    @JsonRequest("session/set_config_option")
    CompletableFuture<SetSessionConfigOptionResponse> setConfigOption(SetSessionConfigOptionRequest params);
}
