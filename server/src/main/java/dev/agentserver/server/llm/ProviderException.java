package dev.agentserver.server.llm;

/**
 * A model call that failed. {@link Kind} decides what the agent does: retry the step, end the turn
 * with a provider error, or end it asking the user to log in again.
 */
public final class ProviderException extends Exception {

    public enum Kind {
        /** 429, 500, 502, 503, 504, connection reset, timeout, empty reply, auth briefly unavailable: retry. */
        RETRYABLE,
        /** Anything else, including a 401 from a provider that has no OAuth: report, do not retry. */
        FAILED,
        /** The auth module's confirmed second rejection: the user must log in again. */
        AUTH_REQUIRED
    }

    private final Kind kind;
    private final String errorType;
    private final Integer statusCode;

    /**
     * @param errorType a short name for the failure as the wire's {@code StepRetry.error_type} shows it
     *                  (e.g. {@code "APIStatusError"}, {@code "APIConnectionError"}, {@code "APITimeoutError"})
     * @param statusCode the HTTP status, or null when there was none
     */
    public ProviderException(Kind kind, String errorType, Integer statusCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errorType = errorType;
        this.statusCode = statusCode;
    }

    public ProviderException(Kind kind, String errorType, Integer statusCode, String message) {
        this(kind, errorType, statusCode, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String errorType() {
        return errorType;
    }

    public Integer statusCode() {
        return statusCode;
    }
}
