package dev.agentserver.server.sim;

/** A freshly issued token pair, as the token endpoint answers it. */
public record TokenGrant(String accessToken, String refreshToken, int expiresIn) {

    static final String SCOPE = "kimi-code";
    static final String TOKEN_TYPE = "Bearer";
}
