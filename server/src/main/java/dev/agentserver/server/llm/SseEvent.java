package dev.agentserver.server.llm;

/** One server-sent event: its {@code event:} name ("message" when none was given) and its joined data lines. */
record SseEvent(String name, String data) {}
