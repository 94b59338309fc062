package io.upbitrouter.osgi;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The module's sources (src/main/java) never name the simulator (src/simulator/java) or the runnable
 * (src/runnable/java): they are compiled together, so only this keeps the module from depending on what its bundle
 * leaves out.
 */
class ModuleSourcesTest {

    @Test
    void should_not_name_the_simulator_or_the_runnable_in_the_module() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String text = Files.readString(p);
                    return text.contains("io.upbitrouter.sim.") || text.contains("io.upbitrouter.runnable.");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(Path::toString).toList();
            assertEquals(List.of(), offenders);
        }
    }
}
