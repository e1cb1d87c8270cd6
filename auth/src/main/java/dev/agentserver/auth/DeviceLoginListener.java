package dev.agentserver.auth;

/** Told what the user has to do to finish a device login; the CLI prints it on the terminal. */
@FunctionalInterface
public interface DeviceLoginListener {
    /**
     * Called once per device code: at the start, and again whenever an expired code made the login start over.
     */
    void showDeviceCode(DeviceCode code);
}
