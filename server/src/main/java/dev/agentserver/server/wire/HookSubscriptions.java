package dev.agentserver.server.wire;

import dev.agentserver.protocol.wire.WireTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The hooks a wire client subscribed to in {@code initialize}: which event, which targets (a regex on
 * the tool name, empty for all) and how long the client has to answer before the hook fails open.
 */
final class HookSubscriptions {

    record Subscription(String id, String event, Pattern matcher, Duration timeout) {}

    private final List<Subscription> subscriptions = new ArrayList<>();

    /** Adds the subscriptions for known events; returns false for one that cannot be used. */
    synchronized boolean add(WireTypes.HookSubscription s) {
        if (!WireServer.HOOK_EVENTS.contains(s.event())) {
            return false;
        }
        Pattern matcher;
        try {
            matcher = s.matcher() == null || s.matcher().isEmpty() ? null : Pattern.compile(s.matcher());
        } catch (PatternSyntaxException e) {
            return false;
        }
        int seconds = s.timeout() == null || s.timeout() <= 0 ? 30 : s.timeout();
        subscriptions.add(new Subscription(s.id(), s.event(), matcher, Duration.ofSeconds(seconds)));
        return true;
    }

    synchronized List<Subscription> matching(String event, String target) {
        return subscriptions.stream()
                .filter(s -> s.event().equals(event))
                .filter(s -> s.matcher() == null || s.matcher().matcher(target).find())
                .toList();
    }
}
