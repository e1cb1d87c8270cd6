package dev.agentserver.server.runtime;

/** The version this server reports; the wire's npm client requires one. */
public final class ServerVersion {

    public static final String VERSION = versionFromManifest();

    private ServerVersion() {
    }

    private static String versionFromManifest() {
        String version = ServerVersion.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0" : version;
    }
}
