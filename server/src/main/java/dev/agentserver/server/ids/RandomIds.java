package dev.agentserver.server.ids;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for session, turn and request ids, read from the kernel's random device.
 * {@code UUID.randomUUID()} draws from a {@code SecureRandom}, whose first use sets up the JDK's security
 * providers (the {@code java.security} file, the provider list, the native PRNG): ~10 ms that fell on the
 * wire's start-up (its new session id) and on ACP's first {@code session/new}. The bytes are the same the
 * native PRNG would read; where there is no such device, {@code UUID.randomUUID()} is used.
 */
public final class RandomIds {

    private static final Path DEVICE = Path.of("/dev/urandom");

    private RandomIds() {
    }

    public static String uuid() {
        byte[] bytes = new byte[16];
        try (InputStream in = Files.newInputStream(DEVICE)) {
            if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                return UUID.randomUUID().toString();
            }
        } catch (IOException | UnsupportedOperationException noDevice) {
            return UUID.randomUUID().toString();
        }
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // the IETF variant
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }
}
