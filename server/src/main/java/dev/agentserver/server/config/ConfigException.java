package dev.agentserver.server.config;

/** The configuration cannot be used; the message names the source (file or {@code --config}) and the key. */
public final class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
