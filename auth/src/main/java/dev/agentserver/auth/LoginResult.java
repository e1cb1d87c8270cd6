package dev.agentserver.auth;

import java.time.Instant;
import java.util.Optional;

/** The outcome of a successful login, without any token value. */
public record LoginResult(String oauthKey, Optional<Instant> expiresAt, Optional<String> scope) {
}
