package dev.agentserver.server.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobMatcherTest {

    @ParameterizedTest
    @CsvSource({
        "**/*.java, Main.java, true",
        "**/*.java, a/b/Main.java, true",
        "src/**/*.java, src/Main.java, true",
        "src/**/*.java, src/a/b/Main.java, true",
        "src/**/*.java, test/Main.java, false",
        "a/**/b/**/c, a/c, false",
        "a/**/b/**/c, a/b/c, true",
        "a/**/b/**/c, a/x/b/y/z/c, true",
        "'*.{ts,tsx}', app.tsx, true",
        "'*.{ts,tsx}', src/app.ts, false",
    })
    void treatsDoubleStarSlashAsOptional(String glob, String path, boolean expected) throws Exception {
        assertEquals(expected, GlobMatcher.compile(glob).matches(Path.of(path)));
    }
}
