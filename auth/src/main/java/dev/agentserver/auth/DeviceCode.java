package dev.agentserver.auth;

import java.time.Duration;
import java.util.Optional;

/**
 * What the user needs to approve a device login (RFC 8628 section 3.3). The device code itself, which is what
 * the client polls with, is not part of it.
 *
 * @param verificationUri         the page where the user enters {@code userCode}
 * @param verificationUriComplete the same page with the code already filled in, when the server offers one
 * @param userCode                the short code the user types or checks
 * @param expiresIn               how long the code stays valid, when the server says
 */
public record DeviceCode(String verificationUri, Optional<String> verificationUriComplete, String userCode,
                         Optional<Duration> expiresIn) {
}
