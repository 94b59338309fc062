package io.upbitrouter.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One default per key: every {@code upbit.*} default written in code ({@code @PropertyInject(defaultValue)},
 * {@code {{key:default}}} placeholders in Java and YAML routes) is listed in {@code config/application.properties}
 * with the same value, and every default a doc states as {@code `key` (N unit)} agrees with that file.
 */
class DocumentedDefaultsTest {

    private static final Pattern CONFIG_LINE = Pattern.compile("^#?\\s*(upbit\\.[a-z0-9.-]+)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern PROPERTY_INJECT = Pattern.compile(
            "@PropertyInject\\(\\s*value\\s*=\\s*\"(upbit\\.[a-z0-9.-]+)\"\\s*,\\s*defaultValue\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(upbit\\.[a-z0-9.-]+):([^}]*)}}");
    private static final Pattern DOC_DEFAULT = Pattern.compile(
            "`(upbit\\.[a-z0-9.-]+)`\\s*\\((?:default\\s+)?([0-9][0-9_,.]*)\\s*(ms|s|min|minutes?|h|hours?)?[,)\\s]");

    private static Map<String, String> shippedDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String line : read(Path.of("config/application.properties")).split("\n")) {
            Matcher m = CONFIG_LINE.matcher(line);
            if (m.matches()) {
                defaults.putIfAbsent(m.group(1), m.group(2));
            }
        }
        return defaults;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path root, String suffix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void should_list_every_default_written_in_code_with_the_same_value_in_the_shipped_configuration() {
        Map<String, String> shipped = shippedDefaults();
        List<String> problems = new ArrayList<>();
        List<Path> sources = new ArrayList<>(files(Path.of("src/main/java"), ".java"));
        sources.addAll(files(Path.of("src/runnable/java"), ".java"));
        sources.addAll(files(Path.of("src/simulator/java"), ".java"));
        sources.addAll(files(Path.of("routes"), ".yaml"));
        int checked = 0;
        for (Path source : sources) {
            String text = read(source);
            for (Pattern pattern : List.of(PROPERTY_INJECT, PLACEHOLDER)) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    checked++;
                    String key = m.group(1);
                    String inCode = m.group(2);
                    if (!shipped.containsKey(key)) {
                        problems.add(source + ": " + key + " (default " + inCode + ") is not in config/application.properties");
                    } else if (!sameValue(shipped.get(key), inCode)) {
                        problems.add(source + ": " + key + " defaults to " + inCode + " in code but "
                                + shipped.get(key) + " in config/application.properties");
                    }
                }
            }
        }
        assertTrue(checked > 20, "the scan found the code's defaults: " + checked);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void should_state_in_the_docs_only_the_defaults_the_shipped_configuration_has() {
        Map<String, String> shipped = shippedDefaults();
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        docs.addAll(files(Path.of("src/main/docs"), ".md"));
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            Matcher m = DOC_DEFAULT.matcher(read(doc));
            while (m.find()) {
                String key = m.group(1);
                String shippedValue = shipped.get(key);
                if (shippedValue == null) {
                    problems.add(doc + ": states a default for " + key + ", which config/application.properties lacks");
                    continue;
                }
                checked++;
                double stated = Double.parseDouble(m.group(2).replace(",", "").replace("_", ""));
                String unit = m.group(3);
                double inMillis = unit == null ? stated : switch (unit) {
                    case "s" -> stated * 1000;
                    case "min", "minute", "minutes" -> stated * 60_000;
                    case "h", "hour", "hours" -> stated * 3_600_000;
                    default -> stated;
                };
                double expected = key.endsWith("-ms") && unit != null ? inMillis
                        : key.endsWith("-seconds") && unit != null ? inMillis / 1000 : stated;
                if (Double.parseDouble(shippedValue) != expected) {
                    problems.add(doc + ": " + m.group().trim() + " but config/application.properties says " + shippedValue);
                }
            }
        }
        assertTrue(checked > 0, "the docs state some defaults this test can read");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void should_keep_the_scan_honest_by_finding_a_wrong_default() {
        Matcher m = DOC_DEFAULT.matcher("the limit `upbit.ws.stall.data-silence-ms` (12 s) is wrong");
        assertTrue(m.find());
        assertFalse(Double.parseDouble(shippedDefaults().get("upbit.ws.stall.data-silence-ms")) == 12_000);
    }

    private static boolean sameValue(String shipped, String inCode) {
        if (shipped.equals(inCode)) {
            return true;
        }
        // an empty list may be written "none" in code, where Camel refuses an empty default
        return shipped.isEmpty() && "none".equalsIgnoreCase(inCode);
    }
}
