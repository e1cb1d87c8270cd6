package dev.agentserver.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** A clock that only moves when told to, and a sleeper that moves it instead of waiting. */
final class FakeTime implements InstantSource, Sleeper {
    static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private volatile Consumer<Duration> duringSleep = duration -> { };

    @Override
    public Instant instant() {
        return now.get();
    }

    void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    /** Passes the time, after running whatever the test wants to happen "meanwhile". */
    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        duringSleep.accept(duration);
        advance(duration);
    }

    void duringSleep(Consumer<Duration> action) {
        this.duringSleep = action;
    }

    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
