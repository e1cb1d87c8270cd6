package dev.agentserver.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The device authorization grant (RFC 8628): get a device code, show the user where to approve it, poll the
 * token endpoint at the server's pace until the user has. A code that expires first starts the login over
 * with a new one.
 */
final class DeviceLogin {
    private static final Logger log = LoggerFactory.getLogger(DeviceLogin.class);
    // RFC 8628 section 3.5: each slow_down adds five seconds to the polling interval.
    private static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    private final TokenClient tokens;
    private final InstantSource clock;
    private final Sleeper sleeper;

    DeviceLogin(TokenClient tokens, InstantSource clock, Sleeper sleeper) {
        this.tokens = tokens;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    TokenGrant obtainGrant(DeviceLoginListener listener)
            throws LoginFailedException, AuthUnavailableException, InterruptedException {
        while (true) {
            DeviceAuthorization authorization = tokens.startDeviceAuthorization();
            listener.showDeviceCode(authorization.shownToUser());
            TokenGrant grant = pollUntilDecided(authorization);
            if (grant != null) {
                return grant;
            }
            log.info("the device code expired before the login was approved; starting over with a new one");
        }
    }

    /** @return the grant, or null when the device code expired first */
    private TokenGrant pollUntilDecided(DeviceAuthorization authorization)
            throws LoginFailedException, AuthUnavailableException, InterruptedException {
        Instant expiry = authorization.shownToUser().expiresIn().map(clock.instant()::plus).orElse(null);
        Duration interval = authorization.pollInterval();
        while (true) {
            sleeper.sleep(interval);
            if (expiry != null && !clock.instant().isBefore(expiry)) {
                return null;
            }
            switch (tokens.pollDeviceToken(authorization.deviceCode())) {
                case DevicePoll.Granted(TokenGrant grant) -> {
                    return grant;
                }
                case DevicePoll.Pending() -> {
                }
                case DevicePoll.SlowDown() -> interval = interval.plus(SLOW_DOWN_STEP);
                case DevicePoll.Expired() -> {
                    return null;
                }
            }
        }
    }
}
