package dev.agentserver.server.agent;

/**
 * Limits and options of every turn in a session.
 *
 * @param maxContextTokens the model's context window, or null when unknown
 */
public record TurnSettings(int maxStepsPerTurn, RetryPolicy retryPolicy, Long maxContextTokens, boolean thinking,
        String systemPrompt) {}
