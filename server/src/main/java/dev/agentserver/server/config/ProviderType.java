package dev.agentserver.server.config;

import java.util.Optional;

/** The provider types this server can talk to, by the {@code type} string the config uses. */
public enum ProviderType {
    KIMI("kimi"),
    OPENAI_LEGACY("openai_legacy"),
    SCRIPTED_ECHO("_scripted_echo");

    private final String configName;

    ProviderType(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<ProviderType> fromConfigName(String name) {
        for (ProviderType type : values()) {
            if (type.configName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
