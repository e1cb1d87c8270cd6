package dev.agentserver.conformance.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.conformance.ConformanceReport;
import dev.agentserver.conformance.SimProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty wire servers on one data directory meet one revoked refresh token at once. Each sends it once (a
 * process learns of a rejection by itself), waits the short grace in which a foreign instance could still write
 * a rotation, and must then answer -32004. The servers used to spend that grace holding the refresh lock, so
 * they took it in turn for 2 s each and the last ones ran out of the lock's 30 s budget: their turns showed a
 * transient error (a {@code StepRetry} for AuthUnavailableError); the agent's step retry then tried again and
 * ended in -32004 all the same, so the answers alone would not tell.
 */
class RevocationAcrossManyProcessesTest {

    /**
     * The last of N processes in that queue waited out N - 1 graces: with 16 that is the lock's budget exactly,
     * and against the old code one process failed per run; with 20 the queue is 8 s over and five did.
     */
    private static final int PROCESSES = 20;

    @TempDir
    Path temp;

    @Test
    void everyProcessIsToldToLogInAgainWithoutATransientErrorOnTheWay() throws Exception {
        try (AuthWorld world = new AuthWorld(temp, false)) {
            world.start(PROCESSES, i -> {
                try {
                    return new WirePeer(world.home.startWire());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            world.expectOutcomes("warm-up", world.promptAll("warm-up"), false);
            world.checkInvariants("many-revoked:warm-up");

            List<String> retries = new CopyOnWriteArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                int peer = i;
                world.peers.get(i).process().observe(message -> {
                    if ("StepRetry".equals(message.path("params").path("type").asText())) {
                        retries.add("peer " + peer + ": " + message);
                    }
                });
            }
            String revoked = world.home.refreshToken();
            byte[] file = world.home.credentialBytes();
            SimProcess.Stats before = world.sim.stats();
            world.sim.revokeRefreshTokens();
            world.sim.expireAccessTokens();
            world.revoked.add(revoked);

            String step = "many-revoked:revoke";
            world.expectOutcomes(step, world.promptAll(step), true);
            assertTrue(retries.isEmpty(), step + ": no turn may meet a transient error (lock busy) on its way to"
                    + " auth_required: " + retries);
            assertEquals(PROCESSES, world.sim.stats().requestsFor(revoked) - before.requestsFor(revoked),
                    step + ": each process presents the revoked token once: " + world.sim.stats());
            assertArrayEquals(file, world.home.credentialBytes(), step + ": a rejected refresh must not touch the file");
            world.checkInvariants(step);
            ConformanceReport.race();
        }
    }
}
