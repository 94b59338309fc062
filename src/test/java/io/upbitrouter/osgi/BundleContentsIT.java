package io.upbitrouter.osgi;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jars the build packages, read entry by entry: the module's jar (the OSGi bundle users drop into Karaf) holds
 * the module only, never the exchange simulator or the runnable's entry point, and imports neither; the runnable jar
 * and the simulator jar hold them instead. Runs after {@code package} (failsafe), on the jars themselves.
 */
class BundleContentsIT {

    static final List<String> NOT_IN_THE_MODULE = List.of("io/upbitrouter/sim/", "io/upbitrouter/runnable/");

    static JarFile jar(String property) throws IOException {
        String path = System.getProperty(property);
        assertNotNull(path, property + " is set by the build (failsafe)");
        assertTrue(Files.isRegularFile(Path.of(path)), path + " is packaged before the integration tests");
        return new JarFile(path);
    }

    static List<String> entries(JarFile jar) {
        return Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
    }

    @Test
    void should_hold_the_module_and_no_simulator_or_runnable_class_in_the_bundle() throws IOException {
        try (JarFile bundle = jar("bundle.jar")) {
            List<String> names = entries(bundle);
            assertTrue(names.contains("io/upbitrouter/api/SmartRouter.class"), "the module itself is there");
            assertTrue(names.contains("io/upbitrouter/osgi/UpbitRouterActivator.class"));
            assertEquals(List.of(), names.stream().filter(n -> NOT_IN_THE_MODULE.stream().anyMatch(n::startsWith)).toList(),
                    "simulator or runnable classes in the module's bundle");
            String imports = bundle.getManifest().getMainAttributes().getValue("Import-Package");
            assertFalse(imports.contains("io.upbitrouter.sim") || imports.contains("io.upbitrouter.runnable"),
                    "the module must not need the simulator or the runnable: " + imports);
        }
    }

    @Test
    void should_hold_the_simulator_and_the_entry_point_in_the_runnable_jar() throws IOException {
        try (JarFile runnable = jar("runnable.jar")) {
            List<String> names = entries(runnable);
            assertEquals("io.upbitrouter.runnable.UpbitRouterMain", runnable.getManifest().getMainAttributes().getValue("Main-Class"));
            assertTrue(names.contains("io/upbitrouter/runnable/UpbitRouterMain.class"));
            assertTrue(names.contains("io/upbitrouter/sim/UpbitSimulator.class"));
            assertTrue(names.contains("io/upbitrouter/api/SmartRouter.class"));
        }
    }

    @Test
    void should_hold_only_the_simulator_in_the_simulator_jar() throws IOException {
        try (JarFile simulator = jar("simulator.jar")) {
            List<String> classes = entries(simulator).stream().filter(n -> n.endsWith(".class")).toList();
            assertTrue(classes.contains("io/upbitrouter/sim/UpbitSimulator.class"));
            assertEquals(List.of(), classes.stream().filter(n -> !n.startsWith("io/upbitrouter/sim/")).toList());
        }
    }
}
