package dev.agentserver.server.runtime;

/**
 * What a front end may know of authentication: whether the configured provider needs a login before a
 * session can work, and how to log out. Status codes and token handling stay in the auth module.
 */
public interface AuthGate {

    /** True only for an OAuth provider with no usable credentials and no static key to fall back on. */
    boolean loginRequired();

    /** Deletes the stored credentials (the one place that may). */
    void logout();

    AuthGate NONE = new AuthGate() {
        @Override
        public boolean loginRequired() {
            return false;
        }

        @Override
        public void logout() {
        }
    };
}
