package dev.agentserver.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One OAuth manager per process: the server's sources create it in exactly one place (start-up), and
 * everything else receives it. A second construction site would mean a second token cache, a second
 * single-flight slot and a second tombstone in one process, the defect this project exists to fix.
 */
class OneOAuthManagerTest {

    private static final Pattern CONSTRUCTION = Pattern.compile("OAuthManager\\s*\\.\\s*(builder|fromEnvironment)\\s*\\(");

    @Test
    void theServerCreatesTheOAuthManagerInStartupOnly() throws IOException {
        Path sources = Path.of("src/main/java");
        List<String> sites;
        try (Stream<Path> files = Files.walk(sources)) {
            sites = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(OneOAuthManagerTest::constructionSites)
                    .toList();
        }
        assertEquals(List.of("dev/agentserver/server/cli/Startup.java"), sites,
                "OAuthManager must be built once, at start-up, and passed down");
    }

    private static Stream<String> constructionSites(Path file) {
        try {
            long count = CONSTRUCTION.matcher(Files.readString(file)).results().count();
            String relative = Path.of("src/main/java").relativize(file).toString().replace('\\', '/');
            return Stream.generate(() -> relative).limit(count);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
