package io.upbitrouter.osgi;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a Karaf container would check, without booting one (none can be fetched offline): the bundle
 * manifest's exports and imports, and the features file against the pom's dependencies.
 * Reads {@code target/classes/META-INF/MANIFEST.MF} (written by the bundle plugin's manifest goal before
 * the tests) and {@code target/feature/feature.xml} (the filtered features file).
 */
class KarafPackagingTest {

    /** Which camel-karaf feature brings each compile dependency of the pom. */
    private static final Map<String, List<String>> FEATURES_OF_DEPENDENCY = new LinkedHashMap<>();

    static {
        for (String inCore : List.of("camel-main", "camel-health", "camel-timer", "camel-scheduler", "camel-direct",
                "camel-seda", "camel-log", "camel-bean", "camel-management")) {
            FEATURES_OF_DEPENDENCY.put("org.apache.camel:" + inCore, List.of("camel-core"));
        }
        for (String own : List.of("camel-vertx-websocket", "camel-http", "camel-caffeine", "camel-jackson",
                "camel-yaml-dsl", "camel-micrometer", "camel-micrometer-prometheus")) {
            FEATURES_OF_DEPENDENCY.put("org.apache.camel:" + own, List.of(own));
        }
        FEATURES_OF_DEPENDENCY.put("org.apache.camel:camel-platform-http-main",
                List.of("camel-platform-http-main", "camel-platform-http-vertx"));
    }

    private static Map<String, String> headers(String header) throws Exception {
        File file = new File("target/classes/META-INF/MANIFEST.MF");
        assertTrue(file.isFile(), "no manifest: run through Maven (the bundle plugin writes it at process-classes)");
        try (InputStream in = new FileInputStream(file)) {
            String value = new Manifest(in).getMainAttributes().getValue(header);
            assertNotNull(value, header);
            Map<String, String> clauses = new LinkedHashMap<>();
            // split on commas outside quotes: "pkg;version=\"[4.14,5)\",pkg2"
            for (String clause : value.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                String name = clause.split(";", 2)[0].trim();
                String previous = clauses.put(name, clause.trim());
                assertEquals(null, previous, "duplicate " + header + " clause for " + name);
            }
            return clauses;
        }
    }

    private static Document xml(String path) throws Exception {
        File file = new File(path);
        assertTrue(file.isFile(), path + " is missing: run through Maven");
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file);
    }

    private static List<String> texts(Document document, String tag) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = document.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }

    @Test
    void should_export_only_the_public_api_packages() throws Exception {
        assertEquals(Set.of("io.upbitrouter.api", "io.upbitrouter.model"), headers("Export-Package").keySet());
    }

    @Test
    void should_import_camel_with_the_lts_range_and_osgi_and_main_optionally() throws Exception {
        Map<String, String> imports = headers("Import-Package");
        List<String> camel = imports.keySet().stream().filter(p -> p.startsWith("org.apache.camel")).toList();
        assertTrue(camel.contains("org.apache.camel") && camel.size() > 5, "camel imports: " + camel);
        for (String pkg : camel) {
            assertTrue(imports.get(pkg).contains("version=\"[4.14,5)\""), imports.get(pkg));
        }
        assertTrue(imports.get("org.apache.camel.main").contains("resolution:=optional"),
                "Camel Main is only needed by the runnable");
        imports.keySet().stream().filter(p -> p.startsWith("org.springframework") || p.startsWith("org.apache.camel.spring"))
                .forEach(p -> assertTrue(imports.get(p).contains("resolution:=optional"),
                        "Spring Boot is only needed by the auto-configuration: " + imports.get(p)));
        imports.keySet().stream().filter(p -> p.startsWith("org.osgi"))
                .forEach(p -> assertTrue(imports.get(p).contains("resolution:=optional"), imports.get(p)));
        assertFalse(imports.keySet().stream().anyMatch(p -> p.startsWith("io.upbitrouter.sim")
                || p.startsWith("org.junit")), "no test or simulator packages imported: " + imports.keySet());
    }

    @Test
    void should_name_the_activator_and_find_camel_karaf_dynamically() throws Exception {
        try (InputStream in = new FileInputStream("target/classes/META-INF/MANIFEST.MF")) {
            var attributes = new Manifest(in).getMainAttributes();
            assertEquals(UpbitRouterActivator.class.getName(), attributes.getValue("Bundle-Activator"));
            assertEquals("org.apache.camel.karaf.core", attributes.getValue("DynamicImport-Package"));
            assertEquals("io.upbitrouter.upbit-smart-router", attributes.getValue("Bundle-SymbolicName"));
        }
    }

    @Test
    void should_list_a_camel_karaf_feature_for_every_dependency_and_nothing_else() throws Exception {
        Document pom = xml("pom.xml");
        Document features = xml("target/feature/feature.xml");
        Set<String> expected = new TreeSet<>();
        NodeList dependencies = pom.getDocumentElement().getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (dependency.getParentNode().getParentNode() != pom.getDocumentElement()) {
                continue; // dependencyManagement, plugins
            }
            String scope = child(dependency, "scope");
            if ("test".equals(scope) || "provided".equals(scope) || "true".equals(child(dependency, "optional"))) {
                continue;
            }
            String key = child(dependency, "groupId") + ":" + child(dependency, "artifactId");
            List<String> needed = FEATURES_OF_DEPENDENCY.get(key);
            assertNotNull(needed, key + " is a new dependency: add its camel-karaf feature to src/main/feature/feature.xml"
                    + " and to this test's table");
            expected.addAll(needed);
        }
        Set<String> listed = new TreeSet<>();
        NodeList nested = features.getElementsByTagName("feature");
        for (int i = 0; i < nested.getLength(); i++) {
            Element feature = (Element) nested.item(i);
            if (!feature.hasAttribute("name")) {
                listed.add(feature.getTextContent().trim());
                assertEquals("[4.14,5)", feature.getAttribute("version"), feature.getTextContent());
            }
        }
        assertEquals(expected, listed);
    }

    @Test
    void should_point_at_the_camel_karaf_features_and_install_this_bundle_and_caffeine() throws Exception {
        Document features = xml("target/feature/feature.xml");
        Document pom = xml("pom.xml");
        String version = child(pom.getDocumentElement(), "version");
        assertEquals(List.of("mvn:org.apache.camel.karaf/apache-camel/4.14.5/xml/features"), texts(features, "repository"));
        List<String> bundles = texts(features, "bundle");
        assertTrue(bundles.contains("mvn:io.upbitrouter/upbit-smart-router/" + version), bundles.toString());
        String caffeineJar = new File(Caffeine.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getName();
        String built = caffeineJar.replaceFirst("^caffeine-", "").replaceFirst("\\.jar$", "");
        String installed = bundles.stream().filter(b -> b.startsWith("mvn:com.github.ben-manes.caffeine/caffeine/"))
                .map(b -> b.substring(b.lastIndexOf('/') + 1)).findFirst()
                .orElseThrow(() -> new AssertionError("no Caffeine bundle in " + bundles));
        assertEquals(minor(built), minor(installed), "Caffeine built against " + built + ", installed " + installed);
        String range = headers("Import-Package").get("com.github.benmanes.caffeine.cache");
        assertTrue(range.contains("version=\"[" + minor(installed) + ",4)\""), "import " + range + " admits " + installed);
        assertTrue(Pattern.compile("\\$\\{").matcher(String.join(" ", bundles)).results().findAny().isEmpty(),
                "unfiltered placeholders in " + bundles);
        assertEquals(new HashSet<>(bundles).size(), bundles.size());
    }

    private static String minor(String version) {
        String[] parts = version.split("\\.");
        return parts[0] + "." + parts[1];
    }

    private static String child(Element element, String tag) {
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }
}
