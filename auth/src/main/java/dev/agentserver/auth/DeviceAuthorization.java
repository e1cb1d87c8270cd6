package dev.agentserver.auth;

import java.time.Duration;

/**
 * A device authorization in progress (RFC 8628 section 3.2): the secret device code we poll with, what the
 * user is shown, and how often we may poll.
 */
record DeviceAuthorization(String deviceCode, DeviceCode shownToUser, Duration pollInterval) {
    @Override
    public String toString() {
        return "DeviceAuthorization[device_code=<redacted>, shownToUser=" + shownToUser
                + ", pollInterval=" + pollInterval + "]";
    }
}
