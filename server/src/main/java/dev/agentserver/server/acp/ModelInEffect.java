package dev.agentserver.server.acp;

/**
 * The model the server was started with, shown to editors as the "model" and "thinking" session options.
 * Both are fixed for the life of the process: the core takes them from its start-up settings.
 *
 * @param name the model's name, or null when none is configured
 */
public record ModelInEffect(String name, boolean thinking) {}
