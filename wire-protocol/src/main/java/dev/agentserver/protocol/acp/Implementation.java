package dev.agentserver.protocol.acp;

/** Who is on the other side: {@code clientInfo} and {@code agentInfo} of {@code initialize}. */
public record Implementation(String name, String title, String version) {}
