package dev.agentserver.server.session;

/**
 * MD5 (RFC 1321), for one thing only: the name of a work dir's session folder, which Kimi Code CLI derives
 * from the MD5 of the path. It names a folder; nothing relies on it being hard to forge.
 *
 * <p>It is written here rather than taken from {@code MessageDigest} because the JDK's first digest sets
 * up its security providers (the {@code java.security} file, the provider list, a hundred-odd classes):
 * ~5 ms and ~1 MiB on the wire's path to its {@code initialize} answer, which opens the session first.
 * Tests hold it to {@code MessageDigest}.
 */
final class Md5 {

    /** Left-rotation amounts: four per round, each used for four of the round's sixteen steps. */
    private static final int[] SHIFTS = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

    /** The RFC's table: the integer part of 2^32 · |sin(i + 1)|. StrictMath, so that it is the same everywhere. */
    private static final int[] SINES = new int[64];

    static {
        for (int i = 0; i < 64; i++) {
            SINES[i] = (int) (long) (Math.abs(StrictMath.sin(i + 1)) * 4294967296.0);
        }
    }

    private Md5() {
    }

    static byte[] digest(byte[] message) {
        // The message, a 1 bit, zeros up to 8 bytes short of a whole block, then the length in bits.
        int blocks = (message.length + 8) / 64 + 1;
        byte[] padded = new byte[blocks * 64];
        System.arraycopy(message, 0, padded, 0, message.length);
        padded[message.length] = (byte) 0x80;
        long bits = (long) message.length * 8;
        for (int i = 0; i < 8; i++) {
            padded[padded.length - 8 + i] = (byte) (bits >>> (8 * i));
        }

        int a0 = 0x67452301;
        int b0 = 0xefcdab89;
        int c0 = 0x98badcfe;
        int d0 = 0x10325476;
        int[] words = new int[16];
        for (int block = 0; block < blocks; block++) {
            for (int w = 0; w < 16; w++) {
                words[w] = littleEndianInt(padded, block * 64 + w * 4);
            }
            int a = a0;
            int b = b0;
            int c = c0;
            int d = d0;
            for (int step = 0; step < 64; step++) {
                int round = step / 16;
                int mixed;
                int word;
                switch (round) {
                    case 0 -> {
                        mixed = (b & c) | (~b & d);
                        word = step;
                    }
                    case 1 -> {
                        mixed = (d & b) | (~d & c);
                        word = (5 * step + 1) % 16;
                    }
                    case 2 -> {
                        mixed = b ^ c ^ d;
                        word = (3 * step + 5) % 16;
                    }
                    default -> {
                        mixed = c ^ (b | ~d);
                        word = (7 * step) % 16;
                    }
                }
                int rotated = Integer.rotateLeft(a + mixed + SINES[step] + words[word], SHIFTS[round * 4 + step % 4]);
                a = d;
                d = c;
                c = b;
                b = b + rotated;
            }
            a0 += a;
            b0 += b;
            c0 += c;
            d0 += d;
        }

        byte[] digest = new byte[16];
        int[] state = {a0, b0, c0, d0};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                digest[i * 4 + j] = (byte) (state[i] >>> (8 * j));
            }
        }
        return digest;
    }

    private static int littleEndianInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
    }
}
