package dev.agentserver.server.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Md5Test {

    @Test
    void theRfcTestSuite() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", hex(""));
        assertEquals("0cc175b9c0f1b6a831c399e269772661", hex("a"));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", hex("abc"));
        assertEquals("f96b697d7cb7938d525a2f31aaf161d0", hex("message digest"));
        assertEquals("c3fcd3d76192e4007dfb496cca67e13b", hex("abcdefghijklmnopqrstuvwxyz"));
        assertEquals("d174ab98d277d9f5a5611c2c9f419d9f",
                hex("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"));
        assertEquals("57edf4a22be3c955ac49da2e2107b67a",
                hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890"));
    }

    @Test
    void agreesWithTheJdkAtEveryLengthAcrossSeveralBlocks() throws Exception {
        // Every length from empty to five blocks, so that each padding case (the length fitting in the
        // last block or needing another) and each byte value occur.
        Random random = new Random(1321);
        for (int length = 0; length <= 320; length++) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            assertArrayEquals(MessageDigest.getInstance("MD5").digest(message), Md5.digest(message), "length " + length);
        }
    }

    @Test
    void aWorkDirIsNamedByTheDigestOfItsPathInUtf8() throws Exception {
        Path workDir = Path.of("/home/zoë/项目/agent server");
        byte[] expected = MessageDigest.getInstance("MD5").digest(workDir.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(expected), SessionStore.workDirHash(workDir));
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(Md5.digest(text.getBytes(StandardCharsets.US_ASCII)));
    }
}
