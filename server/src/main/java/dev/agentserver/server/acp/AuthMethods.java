package dev.agentserver.server.acp;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.agentserver.protocol.acp.AgentRequests.ClientCapabilities;
import dev.agentserver.protocol.acp.AgentResponses.AuthMethod;
import java.util.List;

/**
 * The one way to log in: this server's own {@code login} command, run in a terminal. Offered as a
 * {@code terminal} method to clients that can run one, else as a plain method whose description says
 * what to run ({@code authenticate} then only checks that it was done). Clients that ask with the older
 * {@code _meta["terminal-auth"]} flag also get the full command line.
 */
final class AuthMethods {

    static final String LOGIN_ID = "login";
    static final List<String> LOGIN_ARGS = List.of("login");

    private AuthMethods() {
    }

    static List<AuthMethod> forClient(ClientCapabilities client, String launcherCommand) {
        String command = launcherCommand + " login";
        JsonObject meta = client.wantsTerminalAuthCommand() ? terminalAuthMeta(launcherCommand) : null;
        if (client.runsTerminalAuth()) {
            return List.of(new AuthMethod(LOGIN_ID, "Log in", "Sign in to Kimi Code in a terminal (" + command + ")",
                    "terminal", LOGIN_ARGS, meta));
        }
        return List.of(new AuthMethod(LOGIN_ID, "Log in",
                "Run `" + command + "` in a terminal to sign in to Kimi Code, then try again", null, null, meta));
    }

    private static JsonObject terminalAuthMeta(String launcherCommand) {
        JsonObject login = new JsonObject();
        login.addProperty("command", launcherCommand);
        JsonArray args = new JsonArray();
        LOGIN_ARGS.forEach(args::add);
        login.add("args", args);
        login.addProperty("label", "Kimi Code login");
        JsonObject meta = new JsonObject();
        meta.add("terminal-auth", login);
        return meta;
    }

    /** The {@code data} of an auth_required error: the same methods {@code initialize} advertised. */
    static JsonObject errorData(List<AuthMethod> methods, Gson gson) {
        JsonObject data = new JsonObject();
        data.add("authMethods", gson.toJsonTree(methods));
        return data;
    }
}
