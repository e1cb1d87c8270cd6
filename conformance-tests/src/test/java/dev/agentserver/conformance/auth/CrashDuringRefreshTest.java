package dev.agentserver.conformance.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentserver.conformance.ConformanceReport;
import dev.agentserver.conformance.DirectoryEvents;
import dev.agentserver.conformance.ForeignInstance;
import dev.agentserver.conformance.HoldingOAuthProxy;
import dev.agentserver.conformance.ProcStatus;
import dev.agentserver.conformance.Seeds;
import dev.agentserver.conformance.ServerProcess;
import dev.agentserver.conformance.SimProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of a server at the points of a refresh, with two survivors (one wire, one ACP) on the same data dir that are waiting
 * for the lock when it dies. The packaged server has no hook to stop it inside a refresh, so the points are
 * reached from outside: a {@link HoldingOAuthProxy} as the victim's OAuth host holds its refresh before the
 * simulator sees it, or after the simulator rotated (the response never arrives), or passes the answer and
 * the kill races the write; the state a kill between temp write and rename leaves is completed by writing
 * the temp file the victim would have left. After each: the {@link AuthWorld} invariants, and the survivors
 * carry on (finish, or are told to log in again exactly when the rotation was lost, and then finish after a
 * login).
 */
class CrashDuringRefreshTest {

    private static final int SURVIVORS = 2;

    @TempDir
    Path temp;

    private static Peer wire(ServerProcess process) {
        return new WirePeer(process);
    }

    private static ServerProcess start(AuthWorld world, Map<String, String> env) {
        try {
            return world.home.startWire(env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Survivors and one victim whose OAuth host is the proxy; every one has prompted once. */
    private static Peer setUp(AuthWorld world, String proxyUrl) throws Exception {
        world.start(SURVIVORS, i -> world.mixedPeer(i, world.home.env()));
        Peer victim = world.start(1, i -> wire(start(world, world.home.env(proxyUrl)))).getFirst();
        world.expectOutcomes("warm-up", world.promptAll("warm-up"), false);
        world.checkInvariants("crash:warm-up");
        return victim;
    }

    /** The victim starts its refresh (access tokens expired under everyone) and the proxy stops it. */
    private static HoldingOAuthProxy.Held victimRefreshes(AuthWorld world, Peer victim, HoldingOAuthProxy proxy)
            throws Exception {
        world.sim.expireAccessTokens();
        victim.sendPrompt("victim", "hello");
        return proxy.held().get(60, TimeUnit.SECONDS);
    }

    /** The survivors prompt, get their 401s and queue for the lock the victim holds. */
    private static List<String> survivorsQueueUp(AuthWorld world, SimProcess.Stats before) throws Exception {
        List<String> tags = world.sendAll("survivor", world.peers.subList(0, SURVIVORS));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                world.sim.stats().chatUnauthorized() - before.chatUnauthorized() >= SURVIVORS + 1);
        return tags;
    }

    private static List<Peer> survivors(AuthWorld world) {
        return world.peers.subList(0, SURVIVORS);
    }

    /** Temp files a writer left in the credentials directory. */
    private static List<Path> leftovers(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return new java.util.ArrayList<>(files.filter(f -> f.getFileName().toString().startsWith(".kimi-code.json.")
                    && f.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void killedWhileWaitingForTheLock() throws Exception {
        ForeignInstance.assumePython();
        try (AuthWorld world = new AuthWorld(temp, false);
                ForeignInstance foreign = ForeignInstance.start(world.home.credentialsDir, world.sim.oauthHost)) {
            Peer victim = setUp(world, world.sim.oauthHost);
            foreign.lock();
            SimProcess.Stats before = world.sim.stats();
            world.sim.expireAccessTokens();
            victim.sendPrompt("victim", "hello");
            List<String> tags = survivorsQueueUp(world, before);
            world.kill(victim);
            ConformanceReport.note("crash point: waiting for the lock");
            foreign.unlock();
            world.expectOutcomes("survivors", world.awaitAll(tags, survivors(world)), false);
            assertEquals(1, world.sim.stats().refreshRequests() - before.refreshRequests(), world.sim.stats().toString());
            world.expectedGrants++;
            world.checkInvariants("crash:killed-waiting-for-lock");
        }
    }

    @Test
    void killedHoldingTheLockBeforeTheRequest() throws Exception {
        try (AuthWorld world = new AuthWorld(temp, false);
                HoldingOAuthProxy proxy = new HoldingOAuthProxy(world.sim.oauthHost, HoldingOAuthProxy.Mode.HOLD_REQUEST)) {
            Peer victim = setUp(world, proxy.url());
            String oldRefresh = world.home.refreshToken();
            SimProcess.Stats before = world.sim.stats();
            victimRefreshes(world, victim, proxy);
            assertEquals(List.of(victim.process().pid()), ProcStatus.flockHolders(world.home.lockFile),
                    "the victim holds the flock while its refresh request is in flight");
            List<String> tags = survivorsQueueUp(world, before);
            assertEquals(before.refreshRequests(), world.sim.stats().refreshRequests(), "nobody refreshed yet");
            world.kill(victim);
            ConformanceReport.note("crash point: holding the lock, before the request");
            world.expectOutcomes("survivors", world.awaitAll(tags, survivors(world)), false);
            SimProcess.Stats after = world.sim.stats();
            assertEquals(1, after.refreshRequests() - before.refreshRequests(), "one survivor refreshed: " + after);
            assertEquals(1, after.requestsFor(oldRefresh), after.toString());
            world.expectedGrants++;
            world.checkInvariants("crash:killed-before-request");
        }
    }

    @ParameterizedTest(name = "static api key {0}")
    @ValueSource(booleans = {false, true})
    void killedAfterTheRotationBeforeTheWrite(boolean staticKey) throws Exception {
        try (AuthWorld world = new AuthWorld(temp, staticKey);
                HoldingOAuthProxy proxy = new HoldingOAuthProxy(world.sim.oauthHost, HoldingOAuthProxy.Mode.HOLD_RESPONSE)) {
            Peer victim = setUp(world, proxy.url());
            lostRotation(world, victim, proxy, false);
        }
    }

    @Test
    void killedBetweenTempWriteAndRename() throws Exception {
        try (AuthWorld world = new AuthWorld(temp, false);
                HoldingOAuthProxy proxy = new HoldingOAuthProxy(world.sim.oauthHost, HoldingOAuthProxy.Mode.HOLD_RESPONSE)) {
            Peer victim = setUp(world, proxy.url());
            lostRotation(world, victim, proxy, true);
        }
    }

    /**
     * The simulator rotated for the victim, which dies before writing (or, with {@code leaveTemp}, after writing
     * its temp file and before the rename). The refresh token in the file is spent: the survivors present it
     * once each, are refused, and are told to log in (or use the static key); the file is untouched; after a
     * login everyone finishes and the temp file is swept.
     */
    private static void lostRotation(AuthWorld world, Peer victim, HoldingOAuthProxy proxy, boolean leaveTemp)
            throws Exception {
        String oldRefresh = world.home.refreshToken();
        byte[] file = world.home.credentialBytes();
        SimProcess.Stats before = world.sim.stats();
        HoldingOAuthProxy.Held held = victimRefreshes(world, victim, proxy);
        assertEquals(200, held.status(), "the simulator granted the victim's refresh: " + held);
        assertEquals(List.of(victim.process().pid()), ProcStatus.flockHolders(world.home.lockFile));
        Path tempFile = null;
        if (leaveTemp) {
            JsonNode grant = ServerProcess.JSON.readTree(held.answer());
            tempFile = Files.createTempFile(world.home.credentialsDir, ".kimi-code.json.", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tempFile, ServerProcess.JSON.createObjectNode()
                    .put("access_token", grant.path("access_token").asText())
                    .put("refresh_token", grant.path("refresh_token").asText())
                    .put("expires_at", System.currentTimeMillis() / 1000.0 + grant.path("expires_in").asInt())
                    .put("scope", "kimi-code").put("token_type", "Bearer")
                    .put("expires_in", grant.path("expires_in").asInt()).toString());
        }
        List<String> tags = survivorsQueueUp(world, before);
        world.kill(victim);
        ConformanceReport.note(leaveTemp ? "crash point: between temp write and rename (temp file completed by the test)"
                : "crash point: after the rotation, before the write");
        world.expectedGrants++;
        world.lost.add(oldRefresh);
        world.expectOutcomes("survivors after a lost rotation", world.awaitAll(tags, survivors(world)), true);
        world.expectedReuses += SURVIVORS;
        assertArrayEquals(file, world.home.credentialBytes(), "the file still holds the pair it had");
        world.checkInvariants("crash:lost-rotation");

        assertEquals(0, world.home.login(), "agent-server login");
        assertNotEquals(oldRefresh, world.home.refreshToken());
        if (tempFile != null) {
            assertFalse(Files.exists(tempFile), "the login's save sweeps the temp file a killed writer left");
        }
        SimProcess.Stats beforeLogin = world.sim.stats();
        world.expectOutcomes("after login", world.promptAll("after-login"), false);
        assertEquals(beforeLogin.refreshRequests(), world.sim.stats().refreshRequests());
        world.checkInvariants("crash:after-login");
    }

    /**
     * The victim gets its answer and is killed at once, racing its write: whichever side of the rename the kill
     * lands, the file parses, and the survivors either adopt the written pair without refreshing or, when the
     * write was lost, are told to log in and finish after a login.
     */
    @Test
    void killedAtRandomPointsOfTheWrite() throws Exception {
        String scenario = "crash/random-point";
        long seed = Seeds.seed(scenario);
        Random random = new Random(seed);
        Seeds.run(scenario, seed, () -> {
            try (AuthWorld world = new AuthWorld(temp, false)) {
                world.start(SURVIVORS, i -> world.mixedPeer(i, world.home.env()));
                int rounds = Seeds.scale(3, 25);
                for (int round = 0; round < rounds; round++) {
                    try (HoldingOAuthProxy proxy = new HoldingOAuthProxy(world.sim.oauthHost,
                            HoldingOAuthProxy.Mode.PASS_AND_SIGNAL)) {
                        Peer victim = world.start(1, i -> wire(start(world, world.home.env(proxy.url())))).getFirst();
                        world.expectOutcomes("warm-up", world.promptAll("r" + round + "-warm-up"), false);
                        String oldRefresh = world.home.refreshToken();
                        SimProcess.Stats before = world.sim.stats();
                        List<Path> leftoversBefore = leftovers(world.home.credentialsDir);
                        // The kill is triggered by the answer, the temp file's creation or the rename, chosen by the
                        // seed; where it lands relative to the write is up to the scheduler, and both sides are checked.
                        String trigger = List.of("answer", "temp file", "rename").get(random.nextInt(3));
                        HoldingOAuthProxy.Held held;
                        try (DirectoryEvents events = new DirectoryEvents(world.home.credentialsDir,
                                name -> trigger.equals("rename") ? name.equals("kimi-code.json")
                                        : name.startsWith(".kimi-code.json.") && name.endsWith(".tmp"))) {
                            held = victimRefreshes(world, victim, proxy);
                            if (!trigger.equals("answer")) {
                                events.first().get(30, TimeUnit.SECONDS);
                            }
                        }
                        world.kill(victim);
                        world.expectedGrants++;
                        String newRefresh = ServerProcess.JSON.readTree(held.answer()).path("refresh_token").asText();
                        String inFile = world.home.refreshToken();
                        world.checkInvariants("r" + round + ":killed");
                        boolean written = inFile.equals(newRefresh);
                        assertTrue(written || inFile.equals(oldRefresh), "the file holds the old or the new pair");
                        List<Path> after = leftovers(world.home.credentialsDir);
                        after.removeAll(leftoversBefore);
                        boolean leftover = !after.isEmpty();
                        ConformanceReport.note("crash point: kill on the " + trigger + ", landed "
                                + (written ? "after the rename" : leftover ? "between temp write and rename" : "before the rename"));
                        if (written) {
                            world.expectOutcomes("adopt", world.promptAll("r" + round + "-adopt"), false);
                            assertEquals(before.refreshRequests() + 1, world.sim.stats().refreshRequests());
                        } else {
                            world.lost.add(oldRefresh);
                            world.expectOutcomes("lost", world.promptAll("r" + round + "-lost"), true);
                            world.expectedReuses += SURVIVORS;
                            world.checkInvariants("r" + round + ":lost-rotation");
                            assertEquals(0, world.home.login());
                            world.expectOutcomes("login", world.promptAll("r" + round + "-login"), false);
                        }
                        world.checkInvariants("r" + round + ":after");
                    }
                }
            }
        });
    }
}
