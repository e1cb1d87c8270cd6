package dev.agentserver.server.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentserver.auth.AuthUnavailableException;
import dev.agentserver.auth.CredentialStatus;
import dev.agentserver.auth.DeviceCode;
import dev.agentserver.auth.LoginFailedException;
import dev.agentserver.auth.LoginResult;
import dev.agentserver.server.runtime.ServerVersion;
import java.io.PrintStream;

/**
 * {@code login}, {@code logout} and {@code info}: the commands a person runs in a terminal. They talk to
 * the person on stderr (login) or stdout (info), and never print a token.
 */
final class AccountCommands {


    private AccountCommands() {
    }

    static int login(Startup startup, PrintStream stdout) {
        String key = startup.oauthKey();
        try {
            LoginResult result = startup.oauth().login(key, code -> showCode(code, startup.options.json() ? stdout : null));
            System.err.println("Logged in. Credentials saved for " + result.oauthKey()
                    + result.expiresAt().map(t -> " (access token valid until " + t + ")").orElse("") + ".");
            return 0;
        } catch (LoginFailedException e) {
            System.err.println("agent-server: login failed: " + e.getMessage());
            return 1;
        } catch (AuthUnavailableException e) {
            System.err.println("agent-server: login could not finish, try again: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            startup.close();
        }
    }

    /** Tells the person what to open; with {@code --json} also as a JSON line on stdout, for the npm client. */
    private static void showCode(DeviceCode code, PrintStream jsonOut) {
        String url = code.verificationUriComplete().orElse(code.verificationUri());
        if (jsonOut != null) {
            com.fasterxml.jackson.databind.node.ObjectNode line = JsonNodeFactory.instance.objectNode().put("type", "verification_url");
            line.putObject("data").put("verification_url", url).put("user_code", code.userCode());
            jsonOut.println(line);
            jsonOut.flush();
        }
        System.err.println("To log in, open " + url);
        System.err.println("and confirm the code: " + code.userCode());
        System.err.println("Waiting for approval...");
    }

    static int logout(Startup startup, PrintStream stdout) {
        try {
            startup.oauth().logout(startup.oauthKey());
            System.err.println("Logged out: credentials for " + startup.oauthKey() + " deleted.");
            return 0;
        } catch (RuntimeException e) {
            System.err.println("agent-server: logout failed: " + e.getMessage());
            return 1;
        } finally {
            startup.close();
        }
    }

    static int info(Startup startup, PrintStream stdout) {
        stdout.println("agent-server " + ServerVersion.VERSION + " (wire 1.10, ACP 1)");
        stdout.println("data dir:    " + startup.shareDir);
        stdout.println("work dir:    " + startup.workDir);
        stdout.println("model:       " + startup.model.map(m -> m.name() + " (" + m.model() + ")").orElse("none configured"));
        stdout.println("provider:    " + startup.provider.map(p -> p.name() + " [" + p.type() + "] " + p.baseUrl())
                .orElse("none"));
        if (startup.provider.isPresent() && startup.provider.get().usesOAuth()) {
            CredentialStatus status = startup.oauth().status(startup.oauthKey());
            stdout.println("credentials: " + describe(status));
        } else {
            stdout.println("credentials: " + startup.provider.map(p -> p.apiKey().isEmpty() ? "no api key" : "api key set")
                    .orElse("none needed"));
        }
        startup.close();
        return 0;
    }

    private static String describe(CredentialStatus status) {
        return switch (status.state()) {
            case ABSENT -> "not logged in (" + status.file() + ")";
            case MALFORMED -> "unreadable credential file " + status.file() + ": " + status.problem().orElse("?");
            case PRESENT -> "logged in (" + status.file() + ")"
                    + status.expiresAt().map(t -> ", access token expires " + t).orElse("")
                    + (status.tombstoned() ? ", refresh token was rejected: run login again" : "");
        };
    }
}
