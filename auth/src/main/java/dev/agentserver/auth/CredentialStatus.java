package dev.agentserver.auth;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code agent-server info} shows about one credential file. It holds no token values at all, so its
 * {@code toString} is safe to print or log.
 *
 * @param file       the credential file this describes
 * @param problem    why a {@link State#MALFORMED} file could not be used (our own words, never file content)
 * @param tombstoned whether this process saw the file's refresh token rejected within the cooldown
 */
public record CredentialStatus(String oauthKey, Path file, State state, Optional<String> problem,
                               Optional<Instant> expiresAt, Optional<String> scope, Optional<String> tokenType,
                               boolean tombstoned) {
    public enum State { PRESENT, ABSENT, MALFORMED }
}
