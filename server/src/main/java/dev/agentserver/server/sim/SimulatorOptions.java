package dev.agentserver.server.sim;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * How a {@link Simulator} behaves from the start (the fault knobs change it later).
 *
 * @param port                      TCP port on 127.0.0.1; 0 picks a free one
 * @param scriptsFile               echo-DSL scripts replayed one per chat request (JSON array of strings), or null
 * @param autoApproveAfterPolls     a device code is approved by itself after this many "pending" answers
 *                                  (0: the first poll already gets tokens; -1: only the admin endpoint or
 *                                  the verification page approves)
 * @param pollIntervalSeconds       the {@code interval} the device authorization tells clients to poll at
 * @param deviceCodeLifetimeSeconds {@code expires_in} of a device code
 * @param accessTokenLifetimeSeconds {@code expires_in} of an access token; it stops working after that
 * @param refreshRejectionStatus    status of the answer to a rotated, revoked or unknown refresh token
 *                                  (401: what Kimi Code CLI treats as a rejection; 400 per RFC 6749 §5.2)
 * @param staticApiKeys             bearer values the chat API always accepts (API-key providers)
 * @param clock                     decides token and device-code expiry
 */
public record SimulatorOptions(
        int port,
        Path scriptsFile,
        int autoApproveAfterPolls,
        int pollIntervalSeconds,
        int deviceCodeLifetimeSeconds,
        int accessTokenLifetimeSeconds,
        int refreshRejectionStatus,
        Set<String> staticApiKeys,
        Clock clock) {

    public SimulatorOptions {
        staticApiKeys = Set.copyOf(staticApiKeys);
        if (pollIntervalSeconds < 1) {
            throw new IllegalArgumentException("the poll interval is at least 1 s (RFC 8628 counts in seconds)");
        }
    }

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(0, null, 1, 1, 600, 900, 401, Set.of(), Clock.systemUTC());
    }

    public SimulatorOptions withPort(int newPort) {
        return new SimulatorOptions(newPort, scriptsFile, autoApproveAfterPolls, pollIntervalSeconds,
                deviceCodeLifetimeSeconds, accessTokenLifetimeSeconds, refreshRejectionStatus, staticApiKeys, clock);
    }

    public SimulatorOptions withScriptsFile(Path file) {
        return new SimulatorOptions(port, file, autoApproveAfterPolls, pollIntervalSeconds,
                deviceCodeLifetimeSeconds, accessTokenLifetimeSeconds, refreshRejectionStatus, staticApiKeys, clock);
    }

    public SimulatorOptions withAutoApproveAfterPolls(int polls) {
        return new SimulatorOptions(port, scriptsFile, polls, pollIntervalSeconds,
                deviceCodeLifetimeSeconds, accessTokenLifetimeSeconds, refreshRejectionStatus, staticApiKeys, clock);
    }

    public SimulatorOptions withPollIntervalSeconds(int seconds) {
        return new SimulatorOptions(port, scriptsFile, autoApproveAfterPolls, seconds,
                deviceCodeLifetimeSeconds, accessTokenLifetimeSeconds, refreshRejectionStatus, staticApiKeys, clock);
    }

    public SimulatorOptions withAccessTokenLifetimeSeconds(int seconds) {
        return new SimulatorOptions(port, scriptsFile, autoApproveAfterPolls, pollIntervalSeconds,
                deviceCodeLifetimeSeconds, seconds, refreshRejectionStatus, staticApiKeys, clock);
    }

    public SimulatorOptions withRefreshRejectionStatus(int status) {
        return new SimulatorOptions(port, scriptsFile, autoApproveAfterPolls, pollIntervalSeconds,
                deviceCodeLifetimeSeconds, accessTokenLifetimeSeconds, status, staticApiKeys, clock);
    }

    public SimulatorOptions withStaticApiKeys(Set<String> keys) {
        return new SimulatorOptions(port, scriptsFile, autoApproveAfterPolls, pollIntervalSeconds,
                deviceCodeLifetimeSeconds, accessTokenLifetimeSeconds, refreshRejectionStatus, keys, clock);
    }

    public SimulatorOptions withClock(Clock newClock) {
        return new SimulatorOptions(port, scriptsFile, autoApproveAfterPolls, pollIntervalSeconds,
                deviceCodeLifetimeSeconds, accessTokenLifetimeSeconds, refreshRejectionStatus, staticApiKeys, newClock);
    }
}
