package dev.agentserver.server.sim;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The device-authorization grant (RFC 8628) as the simulator plays it: a code waits for approval (by
 * itself after a number of polls, through the verification page or the admin endpoint), can be denied or
 * expired on demand, and is spent by the poll that receives the tokens.
 */
final class DeviceFlow {

    /** The answer to one poll of the token endpoint with a device code. */
    sealed interface PollAnswer {
        record Tokens(TokenGrant grant) implements PollAnswer {}

        /** An RFC 8628 §3.5 error code: authorization_pending, slow_down, access_denied, expired_token, invalid_grant. */
        record Refused(String error, String description) implements PollAnswer {}
    }

    private enum Status { PENDING, APPROVED, DENIED, EXPIRED, SPENT }

    private static final class Authorization {
        final String userCode;
        final Instant expiresAt;
        Status status = Status.PENDING;
        int pendingAnswers;

        Authorization(String userCode, Instant expiresAt) {
            this.userCode = userCode;
            this.expiresAt = expiresAt;
        }
    }

    /** A started authorization, as the device_authorization endpoint answers it. */
    record Started(String deviceCode, String userCode, int expiresIn) {}

    private final Clock clock;
    private final TokenAuthority tokens;
    private final int autoApproveAfterPolls;
    private final int lifetimeSeconds;
    private final Map<String, Authorization> byDeviceCode = new HashMap<>();
    private int slowDownBudget;
    private int started;
    private int polls;
    private int approved;
    private int slowDownAnswers;
    private int expiredAnswers;

    DeviceFlow(Clock clock, TokenAuthority tokens, int autoApproveAfterPolls, int lifetimeSeconds) {
        this.clock = clock;
        this.tokens = tokens;
        this.autoApproveAfterPolls = autoApproveAfterPolls;
        this.lifetimeSeconds = lifetimeSeconds;
    }

    synchronized Started start() {
        started++;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String deviceCode = "sim-dc-" + started + "-" + Long.toHexString(random.nextLong());
        String userCode = String.format("%04X-%04X", random.nextInt(0x10000), random.nextInt(0x10000));
        byDeviceCode.put(deviceCode, new Authorization(userCode, clock.instant().plusSeconds(lifetimeSeconds)));
        return new Started(deviceCode, userCode, lifetimeSeconds);
    }

    synchronized PollAnswer poll(String deviceCode) {
        polls++;
        Authorization auth = byDeviceCode.get(deviceCode);
        if (auth == null || auth.status == Status.SPENT) {
            return new PollAnswer.Refused("invalid_grant", "unknown or already used device code");
        }
        if (slowDownBudget > 0) {
            slowDownBudget--;
            slowDownAnswers++;
            return new PollAnswer.Refused("slow_down", "polling too fast; add 5 seconds to the interval");
        }
        if (auth.status == Status.EXPIRED || !clock.instant().isBefore(auth.expiresAt)) {
            auth.status = Status.EXPIRED;
            expiredAnswers++;
            return new PollAnswer.Refused("expired_token", "the device code expired; start the login again");
        }
        if (auth.status == Status.DENIED) {
            return new PollAnswer.Refused("access_denied", "the user denied the authorization");
        }
        if (auth.status == Status.PENDING && autoApproveAfterPolls >= 0 && auth.pendingAnswers >= autoApproveAfterPolls) {
            approve(auth);
        }
        if (auth.status == Status.PENDING) {
            auth.pendingAnswers++;
            return new PollAnswer.Refused("authorization_pending", "waiting for the user to approve");
        }
        auth.status = Status.SPENT;
        return new PollAnswer.Tokens(tokens.issue());
    }

    /** Approves the pending code with this user code, or every pending code when {@code userCode} is null. */
    synchronized int approve(String userCode) {
        return changePending(userCode, Status.APPROVED);
    }

    synchronized int deny(String userCode) {
        return changePending(userCode, Status.DENIED);
    }

    /** Every code not yet spent answers expired_token from now on. */
    synchronized int expireAll() {
        return changePending(null, Status.EXPIRED);
    }

    /** The next {@code count} polls answer slow_down, whatever their code. */
    synchronized void slowDownNextPolls(int count) {
        slowDownBudget += count;
    }

    synchronized SimulatorStats.Device stats() {
        return new SimulatorStats.Device(started, polls, approved, slowDownAnswers, expiredAnswers);
    }

    private int changePending(String userCode, Status target) {
        int changed = 0;
        for (Authorization auth : byDeviceCode.values()) {
            boolean open = auth.status == Status.PENDING || (target == Status.EXPIRED && auth.status == Status.APPROVED);
            if (open && (userCode == null || userCode.equalsIgnoreCase(auth.userCode))) {
                if (target == Status.APPROVED) {
                    approve(auth);
                } else {
                    auth.status = target;
                }
                changed++;
            }
        }
        return changed;
    }

    private void approve(Authorization auth) {
        auth.status = Status.APPROVED;
        approved++;
    }
}
