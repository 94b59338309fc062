package io.upbitrouter.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example in {@code src/main/docs/testing.md} is the example test this build compiles and runs. */
class TestingDocTest {

    @Test
    void should_show_the_example_test_that_the_build_runs() throws Exception {
        String doc = Files.readString(Path.of("src/main/docs/testing.md"));
        String example = Files.readString(Path.of("src/test/java/com/example/upbit/BtcPriceRouteIT.java"));
        assertTrue(doc.contains("```java\n" + example + "```"), "testing.md must show BtcPriceRouteIT.java as it is");
    }
}
