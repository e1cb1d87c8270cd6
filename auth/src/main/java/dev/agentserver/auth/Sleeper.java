package dev.agentserver.auth;

import java.time.Duration;

/** Waiting, injected so that tests can pass time without spending it. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Sleeps for real on the calling thread. */
    static Sleeper real() {
        return Thread::sleep;
    }
}
