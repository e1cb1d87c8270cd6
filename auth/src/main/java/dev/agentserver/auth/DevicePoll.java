package dev.agentserver.auth;

/** What one poll of the token endpoint with a device code answered (RFC 8628 section 3.5). */
sealed interface DevicePoll {

    record Granted(TokenGrant grant) implements DevicePoll {
    }

    /** The user has not finished yet. */
    record Pending() implements DevicePoll {
    }

    /** Still pending, and we poll too often: the interval grows by five seconds. */
    record SlowDown() implements DevicePoll {
    }

    /** The device code ran out before the user finished: the login starts over with a new one. */
    record Expired() implements DevicePoll {
    }
}
