package dev.agentserver.conformance.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentserver.conformance.ConformanceReport;
import dev.agentserver.conformance.ServerProcess;
import dev.agentserver.conformance.SimProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The files going wrong under a wire and an ACP server: a malformed credential file (read as "no
 * credentials", never rewritten), a lock file that cannot be opened and a token endpoint that stays down
 * (transient: never auth_required, the file untouched), and logout, the one place that deletes.
 */
class AuthEdgeCasesTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "static api key {0}")
    @ValueSource(booleans = {false, true})
    void aMalformedCredentialFileIsNoCredentialsAndIsLeftAsItIs(boolean staticKey) throws Exception {
        try (AuthWorld world = new AuthWorld(temp, staticKey)) {
            world.start(2, i -> world.mixedPeer(i, world.home.env()));
            world.expectOutcomes("warm-up", world.promptAll("warm-up"), false);
            world.checkInvariants("edge:warm-up");
            world.watch.close();
            for (String corrupt : List.of("{\"access_token\":\"a\"", "[]", "{\"access_token\":\"\",\"refresh_token\":\"r\"}",
                    "{\"access_token\":\"a\",\"refresh_token\":\"r\",\"expires_at\":\"soon\"}")) {
                byte[] content = corrupt.getBytes(StandardCharsets.UTF_8);
                world.home.writeAtomically(content);
                world.sim.expireAccessTokens();
                SimProcess.Stats before = world.sim.stats();
                world.expectOutcomes("malformed " + corrupt, world.promptAll("malformed"), true);
                assertEquals(before.refreshRequests(), world.sim.stats().refreshRequests(), "nothing to refresh with");
                assertArrayEquals(content, world.home.credentialBytes(), "a malformed file is never rewritten: " + corrupt);
                ConformanceReport.note("auth edge: malformed credential file");
            }
            world.home.seed();
            world.expectOutcomes("after login", world.promptAll("after-login"), false);
        }
    }

    @Test
    void aLockFileThatCannotBeOpenedIsTransientNeverAuthRequired() throws Exception {
        try (AuthWorld world = new AuthWorld(temp, false)) {
            world.start(2, i -> world.mixedPeer(i, world.home.env()));
            world.expectOutcomes("warm-up", world.promptAll("warm-up"), false);
            Files.deleteIfExists(world.home.lockFile);
            Files.createDirectory(world.home.lockFile);
            byte[] file = world.home.credentialBytes();
            SimProcess.Stats before = world.sim.stats();
            world.sim.expireAccessTokens();
            for (Peer.Outcome outcome : world.promptAll("no-lock")) {
                assertFalse(outcome.ok(), "no refresh without the lock: " + outcome);
                assertFalse(outcome.authRequired(), "a lock that cannot be opened is not auth_required: " + outcome);
            }
            assertEquals(before.refreshRequests(), world.sim.stats().refreshRequests(), "no refresh goes ahead unlocked");
            assertArrayEquals(file, world.home.credentialBytes());
            world.checkInvariants("edge:unopenable-lock");
            Files.delete(world.home.lockFile);
            world.expectOutcomes("lock back", world.promptAll("lock-back"), false);
            world.expectedGrants++;
            world.checkInvariants("edge:lock-back");
            ConformanceReport.note("auth edge: unopenable lock file");
        }
    }

    @Test
    void aTokenEndpointThatStaysDownIsTransientNeverAuthRequired() throws Exception {
        try (AuthWorld world = new AuthWorld(temp, false)) {
            world.start(1, i -> world.mixedPeer(i, world.home.env()));
            world.expectOutcomes("warm-up", world.promptAll("warm-up"), false);
            byte[] file = world.home.credentialBytes();
            world.sim.failNextTokenRequests(1000, 503);
            world.sim.expireAccessTokens();
            Peer.Outcome outcome = world.promptAll("down").getFirst();
            assertFalse(outcome.ok() || outcome.authRequired(), "the OAuth server down is a transient error: " + outcome);
            assertTrue(world.sim.stats().tokenEndpointFaults() >= 2, "retried: " + world.sim.stats());
            assertArrayEquals(file, world.home.credentialBytes(), "transient trouble never touches the file");
            world.sim.resetFaults();
            world.expectOutcomes("up again", world.promptAll("up"), false);
            world.expectedGrants++;
            world.checkInvariants("edge:token-endpoint-down");
            ConformanceReport.note("auth edge: token endpoint down");
        }
    }

    @Test
    void logoutIsTheOnePlaceThatDeletes() throws Exception {
        try (AuthWorld world = new AuthWorld(temp, false)) {
            world.start(1, i -> world.mixedPeer(i, world.home.env()));
            world.expectOutcomes("warm-up", world.promptAll("warm-up"), false);
            world.checkInvariants("edge:before-logout");
            world.watch.close();
            ProcessBuilder logout = new ProcessBuilder(ServerProcess.launcher().toString(), "logout").redirectErrorStream(true);
            logout.environment().putAll(world.home.env());
            Process process = logout.start();
            process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue());
            assertFalse(Files.exists(world.home.credentialFile), "logout deletes the credentials");
            assertTrue(Files.exists(world.home.lockFile), "the lock file stays");
            world.sim.expireAccessTokens();
            world.expectOutcomes("logged out", world.promptAll("logged-out"), true);
            assertFalse(Files.exists(world.home.credentialFile), "nothing but a login writes it back");
            ConformanceReport.note("auth edge: logout");
        }
    }
}
