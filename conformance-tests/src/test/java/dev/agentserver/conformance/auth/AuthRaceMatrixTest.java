package dev.agentserver.conformance.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.conformance.ConformanceReport;
import dev.agentserver.conformance.ForeignInstance;
import dev.agentserver.conformance.Seeds;
import dev.agentserver.conformance.SimProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The auth race matrix: 2, 4 and 8 server processes (wire and ACP alternating) on one data directory with the simulator, run through
 * a seeded random schedule of steps in which every process prompts at once: access tokens expired under
 * them, a foreign {@code flock} holder rotating the token itself (while they wait, while they are idle, or
 * killed while holding the lock), transient token-endpoint faults, a revocation and a new login. The
 * invariants of {@link AuthWorld} are checked after every step; each step also checks its own refresh
 * count and the auth_required iff rule. Runs with and without a static api key.
 */
class AuthRaceMatrixTest {

    @TempDir
    Path temp;

    /** 2, 4 and 8 processes, with and without a static key; {@code -Dconformance.matrix=2,8} picks sizes. */
    static Stream<Arguments> matrix() {
        List<Integer> sizes = Stream.of(System.getProperty("conformance.matrix", "2,4,8").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        return Stream.of(false, true).flatMap(key -> sizes.stream().map(n -> Arguments.of(n, key)));
    }

    @ParameterizedTest(name = "{0} processes, static api key {1}")
    @MethodSource("matrix")
    void everyStepKeepsTheInvariants(int processes, boolean staticKey) throws Exception {
        ForeignInstance.assumePython();
        String scenario = "auth-race/" + processes + (staticKey ? "+static-key" : "");
        long seed = Seeds.seed(scenario);
        Seeds.run(scenario, seed, () -> {
            try (AuthWorld world = new AuthWorld(temp, staticKey)) {
                new Schedule(world, processes, new Random(seed)).run();
            }
        });
    }

    /** The seeded schedule of steps for one world. */
    static final class Schedule {

        private final AuthWorld world;
        private final SimProcess sim;
        private final int processes;
        private final Random random;

        Schedule(AuthWorld world, int processes, Random random) {
            this.world = world;
            this.sim = world.sim;
            this.processes = processes;
            this.random = random;
        }

        void run() throws Exception {
            world.start(processes, i -> world.mixedPeer(i, world.home.env()));
            promptOnly("warm-up");
            int steps = Seeds.scale(6, 40);
            int revokeAt = 1 + random.nextInt(steps - 1);
            for (int i = 0; i < steps; i++) {
                if (i == revokeAt || (Seeds.soak() && random.nextInt(8) == 0)) {
                    revokeThenLogIn("s" + i);
                    continue;
                }
                String name = "s" + i;
                switch (random.nextInt(6)) {
                    case 0 -> expireUnderEveryone(name);
                    case 1 -> foreignHoldsTheLockWhileEveryoneWaits(name);
                    case 2 -> foreignRotatesWhileIdle(name);
                    case 3 -> foreignDiesHoldingTheLock(name);
                    case 4 -> transientTokenFaults(name);
                    default -> expireUnderEveryone(name);
                }
            }
            promptOnly("final");
        }

        private void promptOnly(String name) throws Exception {
            SimProcess.Stats before = sim.stats();
            world.expectOutcomes(name, world.promptAll(name), false);
            assertEquals(before.refreshRequests(), sim.stats().refreshRequests(), name + ": nothing to refresh");
            world.checkInvariants(name + ":prompt-only");
        }

        /** The access tokens die at the server; everyone prompts at once; exactly one of them refreshes. */
        private void expireUnderEveryone(String name) throws Exception {
            String step = name + ":expire";
            String oldRefresh = world.home.refreshToken();
            SimProcess.Stats before = sim.stats();
            sim.expireAccessTokens();
            world.expectOutcomes(step, world.promptAll(step), false);
            SimProcess.Stats after = sim.stats();
            world.expectedGrants++;
            world.checkInvariants(step);
            assertEquals(1, after.refreshRequests() - before.refreshRequests(),
                    step + ": exactly one refresh request for " + processes + " processes: " + after);
            assertNotEquals(oldRefresh, world.home.refreshToken(), step + ": the file holds the rotated pair");
            ConformanceReport.race();
        }

        /**
         * A foreign process holds the flock; the access tokens die; everyone prompts and gets its 401; nobody
         * refreshes while the lock is held; the foreign process rotates and releases; everyone adopts its tokens.
         */
        private void foreignHoldsTheLockWhileEveryoneWaits(String name) throws Exception {
            String step = name + ":foreign-holds-lock";
            try (ForeignInstance foreign = ForeignInstance.start(world.home.credentialsDir, sim.oauthHost)) {
                foreign.lock();
                byte[] held = world.home.credentialBytes();
                SimProcess.Stats before = sim.stats();
                sim.expireAccessTokens();
                List<String> tags = world.sendAll(step, world.peers);
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        sim.stats().chatUnauthorized() - before.chatUnauthorized() >= processes);
                SimProcess.Stats waiting = sim.stats();
                assertEquals(before.refreshRequests(), waiting.refreshRequests(),
                        step + ": a server refreshed while another implementation held the flock: " + waiting);
                assertArrayEquals(held, world.home.credentialBytes(), step + ": the file changed under a foreign lock");
                String rotated = foreign.rotate();
                foreign.unlock();
                world.expectOutcomes(step, world.awaitAll(tags, world.peers), false);
                SimProcess.Stats after = sim.stats();
                world.expectedGrants++;
                world.checkInvariants(step);
                assertEquals(1, after.refreshRequests() - before.refreshRequests(),
                        step + ": only the foreign rotation reached the simulator; the servers adopted it: " + after);
                assertEquals(rotated, world.home.refreshToken(), step);
            }
            ConformanceReport.race();
        }

        /** A foreign process rotates while the servers are idle; their next prompts use its tokens, no refresh. */
        private void foreignRotatesWhileIdle(String name) throws Exception {
            String step = name + ":foreign-rotates-idle";
            try (ForeignInstance foreign = ForeignInstance.start(world.home.credentialsDir, sim.oauthHost)) {
                foreign.lock();
                foreign.rotate();
                foreign.unlock();
            }
            world.expectedGrants++;
            SimProcess.Stats before = sim.stats();
            world.expectOutcomes(step, world.promptAll(step), false);
            SimProcess.Stats after = sim.stats();
            world.checkInvariants(step);
            assertEquals(before.refreshRequests(), after.refreshRequests(),
                    step + ": the servers use the foreign instance's tokens without refreshing: " + after);
            ConformanceReport.race();
        }

        /** A foreign process dies (SIGKILL) holding the lock while everyone waits; the kernel frees it; one refresh. */
        private void foreignDiesHoldingTheLock(String name) throws Exception {
            String step = name + ":foreign-killed-holding-lock";
            try (ForeignInstance foreign = ForeignInstance.start(world.home.credentialsDir, sim.oauthHost)) {
                foreign.lock();
                SimProcess.Stats before = sim.stats();
                sim.expireAccessTokens();
                List<String> tags = world.sendAll(step, world.peers);
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        sim.stats().chatUnauthorized() - before.chatUnauthorized() >= processes);
                assertEquals(before.refreshRequests(), sim.stats().refreshRequests(), step);
                foreign.kill9();
                ConformanceReport.crash();
                world.expectOutcomes(step, world.awaitAll(tags, world.peers), false);
                world.expectedGrants++;
                world.checkInvariants(step);
                assertEquals(1, sim.stats().refreshRequests() - before.refreshRequests(), step + ": " + sim.stats());
            }
            ConformanceReport.race();
        }

        /** 429/5xx from the token endpoint are retried: still one refresh, never auth_required. */
        private void transientTokenFaults(String name) throws Exception {
            int faults = 1 + random.nextInt(2);
            int status = List.of(429, 500, 502, 503, 504).get(random.nextInt(5));
            String step = name + ":token-faults-" + faults + "x" + status;
            SimProcess.Stats before = sim.stats();
            sim.failNextTokenRequests(faults, status);
            sim.expireAccessTokens();
            world.expectOutcomes(step, world.promptAll(step), false);
            SimProcess.Stats after = sim.stats();
            world.expectedGrants++;
            world.checkInvariants(step);
            assertEquals(faults, after.tokenEndpointFaults() - before.tokenEndpointFaults(), step + ": " + after);
            assertEquals(1, after.refreshRequests() - before.refreshRequests(), step + ": " + after);
            ConformanceReport.race();
        }

        /**
         * The refresh token is revoked and the access tokens die: without a static key every prompt answers
         * auth_required, with one every prompt finishes; the file is untouched; each process presents the
         * revoked token at most once and a second round presents it no more. Then a login (the real
         * {@code agent-server login}, or tokens written by another instance) brings everyone back.
         */
        private void revokeThenLogIn(String name) throws Exception {
            String step = name + ":revoke";
            String refresh = world.home.refreshToken();
            byte[] file = world.home.credentialBytes();
            SimProcess.Stats before = sim.stats();
            sim.revokeRefreshTokens();
            sim.expireAccessTokens();
            world.revoked.add(refresh);
            world.expectOutcomes(step, world.promptAll(step), true);
            SimProcess.Stats after = sim.stats();
            int presented = after.refreshRequests() - before.refreshRequests();
            assertTrue(presented >= 1 && presented <= processes,
                    step + ": each process presents the revoked token at most once, saw " + presented + ": " + after);
            assertArrayEquals(file, world.home.credentialBytes(), step + ": a rejected refresh must not touch the file");
            ConformanceReport.race();
            world.checkInvariants(step);

            String again = name + ":revoked-again";
            world.expectOutcomes(again, world.promptAll(again), true);
            assertEquals(after.refreshRequests(), sim.stats().refreshRequests(),
                    again + ": a tombstoned refresh token is not sent again: " + sim.stats());
            assertArrayEquals(file, world.home.credentialBytes(), again);
            world.checkInvariants(again);

            boolean realLogin = random.nextBoolean();
            String login = name + (realLogin ? ":agent-server-login" : ":login-elsewhere");
            if (realLogin) {
                assertEquals(0, world.home.login(), login + ": agent-server login against the simulator");
            } else {
                world.home.seed();
            }
            SimProcess.Stats beforeLogin = sim.stats();
            world.expectOutcomes(login, world.promptAll(login), false);
            assertEquals(beforeLogin.refreshRequests(), sim.stats().refreshRequests(), login + ": " + sim.stats());
            world.checkInvariants(login);
        }
    }
}
