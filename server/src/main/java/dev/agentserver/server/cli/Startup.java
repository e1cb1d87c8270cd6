package dev.agentserver.server.cli;

import dev.agentserver.auth.AuthRequiredException;
import dev.agentserver.auth.AuthUnavailableException;
import dev.agentserver.auth.AuthorizedCall;
import dev.agentserver.auth.BearerRejectedException;
import dev.agentserver.auth.CredentialedCaller;
import dev.agentserver.auth.OAuthManager;
import dev.agentserver.server.agent.RetryPolicy;
import dev.agentserver.server.agent.Sleeper;
import dev.agentserver.server.agent.TurnSettings;
import dev.agentserver.server.config.AgentConfig;
import dev.agentserver.server.config.ConfigException;
import dev.agentserver.server.config.ConfigLoader;
import dev.agentserver.server.config.ModelEntry;
import dev.agentserver.server.config.ProviderEntry;
import dev.agentserver.server.llm.ChatProvider;
import dev.agentserver.server.llm.ProviderContext;
import dev.agentserver.server.runtime.AuthGate;
import dev.agentserver.server.runtime.ServerRuntime;
import dev.agentserver.server.runtime.ServerVersion;
import dev.agentserver.server.runtime.SessionFactory;
import dev.agentserver.server.session.SessionStore;
import dev.agentserver.server.tools.ToolRegistry;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Start-up, done once per process: the data dir, the configuration, the model in effect and the one
 * {@link OAuthManager} of the process, which every credentialed call goes through.
 */
final class Startup {

    /** A start-up failure: one clear line for the user, and a non-zero exit. */
    static final class StartupException extends Exception {
        StartupException(String message) {
            super(message);
        }
    }

    final CliOptions options;
    final Map<String, String> env;
    final Path shareDir;
    final Path workDir;
    final AgentConfig config;
    final Optional<ModelEntry> model;
    final Optional<ProviderEntry> provider;
    private final AtomicReference<String> clientName = new AtomicReference<>();
    private final ConfiguredModels models;
    /** What the providers are made with; its clients are the lazy ones below. */
    private final ProviderContext providerContext;
    /** OAuthManager's own default client, made lazily. */
    private final LazyHttpClient oauthHttp = new LazyHttpClient(
            () -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    private final LazyHttpClient chatHttp = new LazyHttpClient(ProviderContext::defaultHttpClient);
    private final LazyHttpClient plainChatHttp = new LazyHttpClient(ProviderContext::plainHttpOnlyClient);
    private OAuthManager oauth;
    private final AtomicBoolean warmUpStarted = new AtomicBoolean();

    private Startup(CliOptions options, Map<String, String> env) throws StartupException {
        this.options = options;
        this.env = env;
        this.shareDir = OAuthManager.dataDirFrom(env);
        this.workDir = (options.workDir() == null ? Path.of("") : options.workDir()).toAbsolutePath().normalize();
        try {
            this.config = ConfigLoader.load(shareDir, options.configFile(), options.configJson(), env);
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage());
        }
        this.model = options.model() != null ? config.model(options.model()) : config.defaultModel();
        if (options.model() != null && model.isEmpty()) {
            throw new StartupException("model '" + options.model() + "' is not in the configuration");
        }
        this.provider = model.flatMap(m -> config.provider(m.provider()));
        this.providerContext = new ProviderContext(LazyCaller::new, env, chatHttp, plainChatHttp, this::userAgent);
        this.models = new ConfiguredModels(config, providerContext, this::oauth);
    }

    static Startup of(CliOptions options, Map<String, String> env) throws StartupException {
        return new Startup(options, env);
    }

    /** The OAuth key of the provider in effect, else Kimi Code's. */
    String oauthKey() {
        return provider.map(ProviderEntry::oauthKey).orElse(OAuthManager.KIMI_CODE_OAUTH_KEY);
    }

    String userAgent() {
        String client = clientName.get();
        return "agent-server/" + ServerVersion.VERSION + (client == null ? "" : " " + client);
    }

    /**
     * The model, or null when none is configured (a prompt then answers "LLM is not set").
     *
     * @throws StartupException when a model is configured but its provider cannot run
     */
    ChatProvider chatProvider() throws StartupException {
        if (model.isEmpty() || provider.isEmpty()) {
            return null;
        }
        try {
            return models.provider(model.get());
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage());
        }
    }

    AuthGate authGate() {
        if (provider.isEmpty() || !provider.get().usesOAuth()) {
            return AuthGate.NONE;
        }
        ProviderEntry p = provider.get();
        return new AuthGate() {
            @Override
            public boolean loginRequired() {
                return !oauth().caller(p.oauthKey(), p.apiKey()).hasUsableCredentials();
            }

            @Override
            public void logout() {
                oauth().logout(p.oauthKey());
            }
        };
    }

    ServerRuntime runtime(ExecutorService executor) throws StartupException {
        int maxSteps = options.maxStepsPerTurn() != null ? options.maxStepsPerTurn() : config.loopControl().maxStepsPerTurn();
        Long contextWindow = model.map(ConfiguredModels::contextWindow).orElse(null);
        TurnSettings settings = new TurnSettings(maxSteps, RetryPolicy.defaults(config.loopControl().maxRetriesPerStep()),
                contextWindow, Boolean.TRUE.equals(options.thinking()), SystemPrompt.forWorkDir(workDir));
        ChatProvider chat = chatProvider();
        SessionFactory sessions = new SessionFactory(new SessionStore(shareDir, Clock.systemUTC()), () -> chat,
                ToolRegistry.builtins(), settings, options.yolo(), Sleeper.REAL);
        String launcher = System.getProperty("agent.server.launcher", "agent-server");
        return new ServerRuntime(sessions, authGate(), launcher, executor, clientName::set, models,
                this::warmUpInBackground);
    }

    /**
     * The process's one OAuth manager, made on first use: building it costs Jackson's first ObjectMapper and
     * the FFM set-up of the refresh lock (~30 ms), which need not come before the first answer (see
     * {@link #warmUpInBackground}). As {@link OAuthManager#fromEnvironment}, with a lazy HTTP client.
     */
    synchronized OAuthManager oauth() {
        if (oauth == null) {
            oauth = OAuthManager.builder(shareDir).oauthHost(OAuthManager.oauthHostFrom(env)).httpClient(oauthHttp).build();
        }
        return oauth;
    }

    /**
     * Makes, once and off the calling thread, what the first prompt would otherwise wait for: the OAuth manager
     * (every provider's calls go through its caller, even an api key's) and the HTTP client with its TLS
     * context. Called when a session opens, not at start: the CA certificates alone allocate ~8 MB, and the
     * eden pages they touch stay resident, so an editor's idle server held 13 MiB more for a prompt that may
     * never come. The wire's one session opens at start, so the wire makes these on its first prompt.
     */
    void warmUpInBackground() {
        if (provider.isPresent() && !warmUpStarted.getAndSet(true)) {
            Thread.ofPlatform().daemon().name("warm-up").start(() -> {
                oauth();
                prepareChatClient(provider.get());
            });
        }
    }

    /**
     * Builds the HTTP client the provider's chat calls will go through, as the provider context picks it for
     * the provider's base URL. A provider without one (the scripted provider) makes no HTTP calls.
     */
    private void prepareChatClient(ProviderEntry p) {
        URI baseUrl;
        try {
            baseUrl = new URI(p.baseUrl().strip());
        } catch (URISyntaxException notAUrl) {
            return; // its first use reports it
        }
        if (baseUrl.getScheme() != null && providerContext.httpClientFor(baseUrl) instanceof LazyHttpClient client) {
            client.client();
        }
    }

    /** Stops the OAuth refresher and the HTTP clients (the manager does not own them). */
    void close() {
        OAuthManager made;
        synchronized (this) {
            made = oauth;
        }
        if (made != null) {
            made.close();
        }
        oauthHttp.close();
        chatHttp.close();
        plainChatHttp.close();
    }

    /** The recovery path of one provider, from the OAuth manager once the provider makes its first call. */
    private final class LazyCaller implements CredentialedCaller {
        private final String oauthKey;
        private final String apiKey;
        private CredentialedCaller caller;

        LazyCaller(String oauthKey, String apiKey) {
            this.oauthKey = oauthKey;
            this.apiKey = apiKey;
        }

        private synchronized CredentialedCaller caller() {
            if (caller == null) {
                caller = oauth().caller(oauthKey, apiKey);
            }
            return caller;
        }

        @Override
        public <T, X extends Exception> T call(AuthorizedCall<T, X> call)
                throws X, AuthRequiredException, AuthUnavailableException, BearerRejectedException {
            return caller().call(call);
        }

        @Override
        public boolean usesOAuth() {
            return caller().usesOAuth();
        }

        @Override
        public boolean hasUsableCredentials() {
            return caller().hasUsableCredentials();
        }
    }

    /**
     * A new daemon platform thread for each task (a turn, a replay, a request's work). Not virtual threads: a
     * turn blocks on the chat stream once per delta, and each park and unpark of a virtual thread passes
     * through the ForkJoinPool scheduler, whose idle carriers spin looking for work. That cost a third of
     * the server's CPU per streamed update (17.8 -> 11.8 us, 70,000 -> 106,000 updates/s for wire, in one
     * bench/run); an agent server runs a handful of such tasks at a time, never thousands.
     */
    static ExecutorService newExecutor() {
        return Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().name("agent-task-", 0).factory());
    }
}
