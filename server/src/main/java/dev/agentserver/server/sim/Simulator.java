package dev.agentserver.server.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback stand-in for the Kimi OAuth server and chat API, for tests, the demo and protocol harnesses:
 * the device flow, rotating refresh tokens, a streaming chat endpoint that replays echo-DSL scripts (or
 * answers by itself), and knobs for the faults a real deployment shows. One port serves it all:
 * {@link #oauthBaseUrl()}, {@link #chatBaseUrl()} ({@code /v1}) and {@link #adminBaseUrl()} ({@code /_sim}).
 * Every request is handled on its own virtual thread.
 */
public final class Simulator implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Lifetime lifetime = new Lifetime();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final TokenAuthority tokens;
    private final DeviceFlow deviceFlow;
    private final FaultQueue tokenFaults = new FaultQueue();
    private final ChatFaults chatFaults = new ChatFaults();
    private final ScriptQueue scripts = new ScriptQueue();
    private final ChatEndpoint chat;

    private Simulator(SimulatorOptions options) throws IOException {
        if (options.scriptsFile() != null) {
            scripts.addAll(ScriptQueue.readFile(options.scriptsFile())); // before binding: a bad file leaks no socket
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
        tokens = new TokenAuthority(options.clock(), options.accessTokenLifetimeSeconds());
        deviceFlow = new DeviceFlow(options.clock(), tokens, options.autoApproveAfterPolls(),
                options.deviceCodeLifetimeSeconds());
        chat = new ChatEndpoint(tokens, options.staticApiKeys(), scripts, chatFaults, lifetime);
        OAuthEndpoints oauth = new OAuthEndpoints(oauthBaseUrl(), deviceFlow, tokens, tokenFaults,
                options.pollIntervalSeconds(), options.refreshRejectionStatus());
        server.createContext("/api/oauth/", oauth);
        server.createContext("/device", oauth);
        server.createContext("/v1/", chat);
        server.createContext("/_sim/", new AdminEndpoints(this));
        handlers = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(handlers);
    }

    /** Starts listening on 127.0.0.1. */
    public static Simulator start(SimulatorOptions options) throws IOException {
        Simulator simulator = new Simulator(options);
        simulator.server.start();
        return simulator;
    }

    /** {@code agent-server sim [options]}: see {@link SimulatorCommand}. Returns the exit code. */
    public static int run(String[] args) {
        return SimulatorCommand.run(args, System.in, System.out, System.err);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What {@code KIMI_CODE_OAUTH_HOST} should be set to. */
    public String oauthBaseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** What a provider's {@code base_url} should be set to. */
    public String chatBaseUrl() {
        return oauthBaseUrl() + "/v1";
    }

    public String adminBaseUrl() {
        return oauthBaseUrl() + "/_sim";
    }

    // ---- knobs -------------------------------------------------------------------------------------------

    /** Ends every access token issued so far; returns how many. */
    public int expireAccessTokens() {
        return tokens.expireAccessTokens();
    }

    /** Revokes every refresh token not yet used; returns how many. */
    public int revokeRefreshTokens() {
        return tokens.revokeRefreshTokens();
    }

    /** Mints a token pair without the device flow, e.g. to write a credential file for a test. */
    public TokenGrant issueTokens() {
        return tokens.issue();
    }

    /** The next {@code count} authorized chat requests answer {@code status} (e.g. 429, 500, 503). */
    public void failNextChatRequests(int count, int status) {
        chatFaults.statuses.add(count, status);
    }

    /** The next {@code count} token-endpoint requests answer {@code status}, before any grant is looked at. */
    public void failNextTokenRequests(int count, int status) {
        tokenFaults.add(count, status);
    }

    /** The next {@code count} streamed replies drop the connection after {@code afterEvents} SSE events. */
    public void breakNextStreams(int count, int afterEvents) {
        chatFaults.breaks.add(count, afterEvents);
    }

    /** Pause between two SSE events of every reply from now on (zero: none). */
    public void setChunkDelay(Duration delay) {
        chatFaults.chunkDelay(delay);
    }

    /** Queues echo-DSL scripts after those already queued. */
    public void enqueueScripts(List<String> more) {
        scripts.addAll(more);
    }

    public int queuedScripts() {
        return scripts.remaining();
    }

    /** Approves the pending device code with this user code (all pending ones when null); returns how many. */
    public int approveDevice(String userCodeOrNull) {
        return deviceFlow.approve(userCodeOrNull);
    }

    public int denyDevice(String userCodeOrNull) {
        return deviceFlow.deny(userCodeOrNull);
    }

    /** Every device code not yet used answers expired_token from now on. */
    public int expireDeviceCodes() {
        return deviceFlow.expireAll();
    }

    /** The next {@code count} device-code polls answer slow_down. */
    public void slowDownNextPolls(int count) {
        deviceFlow.slowDownNextPolls(count);
    }

    /** Clears queued chat and token faults, broken-stream plans and the chunk delay. */
    public void resetFaults() {
        chatFaults.clear();
        tokenFaults.clear();
    }

    // ---- observations ------------------------------------------------------------------------------------

    public SimulatorStats stats() {
        return new SimulatorStats(deviceFlow.stats(), tokens.stats(), tokenFaults.taken(), chat.stats());
    }

    /** The last (up to 100) chat requests, oldest first. */
    public List<RecordedChatRequest> chatRequests() {
        return chat.recorded();
    }

    /** Stops at once: waiting handlers wake up and open connections are dropped. Closing twice is harmless. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        lifetime.end();
        server.stop(0);
        handlers.shutdownNow();
    }
}
