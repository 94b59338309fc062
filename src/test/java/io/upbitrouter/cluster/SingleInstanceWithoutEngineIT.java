package io.upbitrouter.cluster;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A single instance needs no cluster engine at run time: the module, started without cluster configuration in a JVM
 * whose class path lacks Hazelcast, camel-hazelcast, camel-master and camel-cluster, serves from REST and the stream.
 */
class SingleInstanceWithoutEngineIT {

    private static final List<String> LEFT_OUT = List.of("hazelcast", "camel-master", "camel-cluster");

    @Test
    void should_run_a_single_instance_without_the_cluster_jars() throws Exception {
        List<String> classPath = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String entry : testClassPath()) {
            String name = Path.of(entry).getFileName().toString();
            if (LEFT_OUT.stream().anyMatch(name::contains)) {
                removed.add(name);
            } else {
                classPath.add(entry);
            }
        }
        assertTrue(removed.stream().anyMatch(n -> n.startsWith("hazelcast-")), "the engine was on the class path: " + removed);

        Path out = Files.createTempFile("without-engine", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", String.join(File.pathSeparator, classPath), WithoutEngineMain.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = process.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String log = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        assertTrue(ended, "the single instance did not finish in time:\n" + log);
        assertEquals(0, process.exitValue(), log);
        String line = log.lines().filter(l -> l.startsWith("WITHOUT_ENGINE")).findFirst().orElse("");
        System.out.println(line + " left-out=" + removed);
        assertTrue(line.contains("engine-absent=true"), log);
        assertTrue(line.contains("first=200"), log);
        assertTrue(line.contains("cluster-bean=false"), log);
        assertFalse(log.contains("NoClassDefFoundError"), log);
    }

    /** The test JVM's class path, also when the test runner passes it in a manifest-only jar. */
    private static List<String> testClassPath() throws Exception {
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar")) {
            try (JarFile booter = new JarFile(entries[0])) {
                String manifestPath = booter.getManifest().getMainAttributes().getValue("Class-Path");
                if (manifestPath != null) {
                    List<String> paths = new ArrayList<>();
                    for (String url : manifestPath.trim().split("\\s+")) {
                        paths.add(Path.of(URI.create(url).isAbsolute() ? URI.create(url)
                                : Path.of(entries[0]).getParent().toUri().resolve(url)).toString());
                    }
                    return paths;
                }
            }
        }
        return List.of(entries);
    }
}
