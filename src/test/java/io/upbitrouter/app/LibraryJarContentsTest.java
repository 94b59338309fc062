package io.upbitrouter.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module jar is a library: it carries no logging configuration (Log4j2 would prefer it over a host's own
 * {@code log4j2.xml}). The runnable's configuration lives in {@code src/runnable/} and is shaded into the
 * runnable jar only. Reads {@code target/classes}, the module jar's contents.
 */
class LibraryJarContentsTest {

    @Test
    void should_ship_no_logging_configuration_in_the_module_jar() throws IOException {
        Path classes = Path.of("target/classes");
        assertTrue(Files.isDirectory(classes), "run through Maven");
        try (Stream<Path> files = Files.walk(classes)) {
            List<String> logging = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("(?i)(log4j2?(-test)?|logback(-test)?|logging|simplelogger)\\.(properties|xml|json|ya?ml|groovy)"))
                    .toList();
            assertEquals(List.of(), logging, "logging configuration in the module jar");
        }
    }

    @Test
    void should_keep_the_runnable_logging_configuration_for_the_shaded_jar() {
        assertTrue(Files.isRegularFile(Path.of("src/runnable/log4j2.properties")));
    }
}
