package dev.agentserver.server.llm;

/**
 * How one OpenAI-compatible service wants the extras of a request said: Moonshot's Kimi API takes a
 * {@code thinking} switch and needs an explicit {@code max_tokens} (its default is small); plain
 * OpenAI-compatible services take {@code reasoning_effort}, and only when thinking is asked for.
 *
 * @param maxTokens   {@code max_tokens} to send, or null to leave it to the service
 * @param temperature {@code temperature} to send, or null
 * @param topP        {@code top_p} to send, or null
 */
record RequestDialect(boolean kimi, Integer maxTokens, Double temperature, Double topP) {

    /** Kimi Code CLI's default reply budget for the Kimi API. */
    static final int KIMI_DEFAULT_MAX_TOKENS = 32_000;

    static RequestDialect openAi() {
        return new RequestDialect(false, null, null, null);
    }
}
