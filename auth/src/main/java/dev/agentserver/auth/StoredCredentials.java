package dev.agentserver.auth;

import java.util.Optional;

/** What reading a credential file found. Only {@link Present} can be used; the other two mean "no credentials". */
sealed interface StoredCredentials {

    record Present(Credentials credentials) implements StoredCredentials {
    }

    record Absent() implements StoredCredentials {
    }

    /** The file exists but cannot be used. It stays exactly as it is; only a login replaces it. */
    record Malformed(String problem) implements StoredCredentials {
    }

    /** The credentials when the file could be used. */
    default Optional<Credentials> usable() {
        return this instanceof Present(Credentials credentials) ? Optional.of(credentials) : Optional.empty();
    }
}
