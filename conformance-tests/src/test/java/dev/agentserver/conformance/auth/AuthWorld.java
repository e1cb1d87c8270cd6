package dev.agentserver.conformance.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.conformance.ConformanceReport;
import dev.agentserver.conformance.CredentialWatch;
import dev.agentserver.conformance.OAuthHome;
import dev.agentserver.conformance.SimProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The shared state of an auth scenario: the simulator, one data dir, the file watch, the server
 * processes, and the ledger the invariants are checked against after every step:
 * <ul>
 *   <li>the credential file always parses and is never deleted or written in place ({@link CredentialWatch});</li>
 *   <li>exactly one refresh request reaches the simulator per rotation: every refresh token that was not
 *       revoked (or lost in a crash) was presented exactly once, and the simulator granted exactly the
 *       rotations the scenario caused;</li>
 *   <li>no refresh ever presented a refresh token that had already been rotated (beyond those the scenario
 *       knowingly lost);</li>
 *   <li>every server is alive and wrote only JSON-RPC on stdout.</li>
 * </ul>
 */
final class AuthWorld implements AutoCloseable {

    static final Duration PROMPT_WAIT = Duration.ofSeconds(90);

    final SimProcess sim;
    final OAuthHome home;
    final CredentialWatch watch;
    final List<Peer> peers = new ArrayList<>();
    final List<String> history = new ArrayList<>();
    /** Refresh tokens the simulator revoked: each process may present one once before tombstoning it. */
    final Set<String> revoked = new HashSet<>();
    /** Refresh tokens rotated at the simulator whose result never reached the file (the rotating process died). */
    final Set<String> lost = new HashSet<>();
    final List<Peer> killed = new ArrayList<>();
    int expectedGrants;
    int expectedReuses;
    int processesEver;
    private int prompts;

    AuthWorld(Path temp, boolean staticKey) throws Exception {
        List<String> simArgs = new ArrayList<>(List.of("--access-token-ttl", "86400"));
        if (staticKey) {
            simArgs.addAll(List.of("--api-key", OAuthHome.STATIC_KEY));
        }
        sim = SimProcess.start(simArgs.toArray(String[]::new));
        home = new OAuthHome(temp, sim, staticKey);
        home.seed();
        watch = new CredentialWatch(home.credentialFile);
    }

    /** Starts {@code count} servers with {@code factory} at once and waits for each handshake. */
    List<Peer> start(int count, Function<Integer, Peer> factory) throws Exception {
        List<Peer> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(factory.apply(i));
        }
        processesEver += count;
        for (Peer peer : started) {
            peer.open();
        }
        peers.addAll(started);
        return started;
    }

    /** SIGKILL for one peer; it leaves the scenario (its stdout so far is still checked). */
    void kill(Peer peer) throws InterruptedException {
        peer.process().kill9();
        peers.remove(peer);
        killed.add(peer);
        ConformanceReport.crash();
    }

    /** Peer {@code i} of a mixed set: even ones speak wire, odd ones ACP. */
    Peer mixedPeer(int i, Map<String, String> env) {
        try {
            return i % 2 == 0 ? new WirePeer(home.startWire(env)) : new AcpPeer(env, home.workDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every live peer prompts at once; returns the outcomes in peer order. */
    List<Peer.Outcome> promptAll(String step) throws Exception {
        return promptAll(step, peers);
    }

    List<Peer.Outcome> promptAll(String step, List<Peer> who) throws Exception {
        List<String> tags = sendAll(step, who);
        return awaitAll(tags, who);
    }

    List<String> sendAll(String step, List<Peer> who) throws Exception {
        List<String> tags = new ArrayList<>();
        for (Peer peer : who) {
            String tag = step + "-" + (++prompts);
            tags.add(tag);
            peer.sendPrompt(tag, "hello from " + tag);
        }
        return tags;
    }

    List<Peer.Outcome> awaitAll(List<String> tags, List<Peer> who) throws Exception {
        List<Peer.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < who.size(); i++) {
            outcomes.add(who.get(i).awaitPrompt(tags.get(i), PROMPT_WAIT));
        }
        return outcomes;
    }

    /**
     * The iff rule: auth_required exactly when the credentials' refresh token is gone (revoked or lost) and no
     * static key is configured; every other prompt finishes.
     */
    void expectOutcomes(String step, List<Peer.Outcome> outcomes, boolean credentialsGone) {
        watch.assertClean(step + " (before judging the prompts' outcomes)");
        boolean authRequired = credentialsGone && !home.staticKey;
        for (int i = 0; i < outcomes.size(); i++) {
            Peer.Outcome outcome = outcomes.get(i);
            String protocol = i < peers.size() ? peers.get(i).protocol() + " " : "";
            ConformanceReport.note(protocol + (outcome.authRequired() ? "prompts answered auth_required"
                    : outcome.ok() ? "prompts finished" + (credentialsGone ? " on the static key" : "")
                    : "prompts failed otherwise"));
            if (authRequired) {
                assertTrue(outcome.authRequired(), step + ": peer " + i + " should be told to log in again, got " + outcome
                        + stderrOf(i));
            } else {
                assertTrue(outcome.ok(), step + ": peer " + i + " should finish"
                        + (outcome.authRequired() ? " and never see auth_required" : "") + ", got " + outcome + stderrOf(i));
            }
        }
    }

    private String stderrOf(int i) {
        if (i >= peers.size()) {
            return "";
        }
        String err = peers.get(i).process().stderr();
        return "\n--- stderr of peer " + i + " (last 3000 chars) ---\n" + err.substring(Math.max(0, err.length() - 3000));
    }

    /** The invariants that hold after every step. */
    void checkInvariants(String step) throws Exception {
        history.add(step);
        String where = step + " (steps so far: " + history + ")";
        watch.assertClean(where);
        SimProcess.Stats stats = sim.stats();
        assertEquals(expectedReuses, stats.rotatedTokenReuses(),
                where + ": a refresh presented an already-rotated refresh token: " + stats);
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : stats.byToken().properties()) {
            int count = e.getValue().asInt();
            if (revoked.contains(e.getKey()) || lost.contains(e.getKey())) {
                assertTrue(count <= processesEver,
                        where + ": a rejected refresh token was presented " + count + " times by " + processesEver + " processes: " + stats);
            } else {
                assertEquals(1, count, where + ": refresh token " + e.getKey() + " was presented " + count
                        + " times; exactly one refresh request per rotation: " + stats);
            }
        }
        assertEquals(expectedGrants, stats.refreshSucceeded(),
                where + ": the simulator granted another number of rotations than the scenario caused: " + stats);
        for (int i = 0; i < peers.size(); i++) {
            Peer peer = peers.get(i);
            assertTrue(peer.process().isAlive(), where + ": peer " + i + " died: " + stderrOf(i));
            assertTrue(peer.process().violations().isEmpty(), where + ": peer " + i + " wrote non-protocol lines: "
                    + peer.process().violations());
        }
        for (Peer peer : killed) {
            assertTrue(peer.process().violations().isEmpty(), where + ": a killed peer wrote non-protocol lines: "
                    + peer.process().violations());
        }
        ConformanceReport.invariantChecks(1);
        ConformanceReport.note("auth step " + step.substring(step.indexOf(':') + 1).replaceAll("-\\d+x\\d+$", ""));
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (Peer peer : peers) {
            try {
                if (peer.process().isAlive()) {
                    peer.close();
                }
            } catch (Exception | AssertionError e) {
                if (first == null) {
                    first = e instanceof Exception ex ? ex : new Exception(e);
                }
            }
        }
        watch.close();
        sim.close();
        if (first != null) {
            throw first;
        }
    }
}
