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

    /** camel-karaf's features descriptor (the pom's test dependency apache-camel:xml:features), by feature name. */
    private static Map<String, Element> camelKarafFeatures() throws Exception {
        String path = System.getProperty("camel.karaf.features");
        assertNotNull(path, "run through Maven: surefire passes camel.karaf.features");
        Map<String, Element> byName = new LinkedHashMap<>();
        NodeList all = xml(path).getDocumentElement().getChildNodes();
        for (int i = 0; i < all.getLength(); i++) {
            if (all.item(i) instanceof Element feature && "feature".equals(feature.getTagName())) {
                byName.put(feature.getAttribute("name"), feature);
            }
        }
        assertTrue(byName.size() > 100, "not camel-karaf's descriptor: " + path);
        return byName;
    }

    /** The Camel artifacts (camel-xyz) whose bundles a feature installs, with those of the features it needs. */
    private static Set<String> camelBundles(Map<String, Element> descriptor, String name, Set<String> seen) {
        Set<String> bundles = new TreeSet<>();
        Element feature = descriptor.get(name);
        if (feature == null || !seen.add(name)) {
            return bundles;
        }
        NodeList children = feature.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (!(children.item(i) instanceof Element child)) {
                continue;
            }
            String text = child.getTextContent().trim();
            if ("feature".equals(child.getTagName())) {
                bundles.addAll(camelBundles(descriptor, text, seen));
            } else if ("bundle".equals(child.getTagName())) {
                var m = Pattern.compile("^mvn:org\\.apache\\.camel(?:\\.karaf)?/(camel-[^/]+)/").matcher(text);
                if (m.find()) {
                    bundles.add(m.group(1));
                }
            }
        }
        return bundles;
    }

    /** The pom's dependencies that a container must provide: not test, provided or optional. */
    private static List<String> runtimeDependencies() throws Exception {
        Document pom = xml("pom.xml");
        List<String> keys = new ArrayList<>();
        NodeList dependencies = pom.getDocumentElement().getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (dependency.getParentNode().getParentNode() != pom.getDocumentElement()) {
                continue; // dependencyManagement, profiles, plugins
            }
            String scope = child(dependency, "scope");
            if ("test".equals(scope) || "provided".equals(scope) || "true".equals(child(dependency, "optional"))) {
                continue;
            }
            keys.add(child(dependency, "groupId") + ":" + child(dependency, "artifactId"));
        }
        return keys;
    }

    @Test
    void should_list_camel_karaf_features_that_bring_every_dependency_and_nothing_else() throws Exception {
        Map<String, Element> descriptor = camelKarafFeatures();
        Document features = xml("target/feature/feature.xml");
        List<String> listed = new ArrayList<>();
        NodeList nested = features.getElementsByTagName("feature");
        for (int i = 0; i < nested.getLength(); i++) {
            Element feature = (Element) nested.item(i);
            if (!feature.hasAttribute("name")) {
                String name = feature.getTextContent().trim();
                listed.add(name);
                assertEquals("[4.14,5)", feature.getAttribute("version"), name);
                assertTrue(descriptor.containsKey(name), name + " is no feature of camel-karaf");
                assertTrue(descriptor.get(name).getAttribute("version").startsWith("4.14."),
                        name + " " + descriptor.get(name).getAttribute("version"));
            }
        }
        Set<String> installed = new TreeSet<>();
        listed.forEach(name -> installed.addAll(camelBundles(descriptor, name, new HashSet<>())));
        List<String> camelDependencies = runtimeDependencies().stream()
                .filter(k -> k.startsWith("org.apache.camel:")).map(k -> k.substring(k.indexOf(':') + 1)).toList();
        for (String artifact : camelDependencies) {
            assertTrue(installed.contains(artifact), artifact + " is installed by none of the listed features " + listed);
        }
        for (String name : listed) {
            // listed features may overlap (camel-core comes with each), but none is there for nothing
            assertTrue(camelBundles(descriptor, name, new HashSet<>()).stream().anyMatch(camelDependencies::contains),
                    name + " installs none of the pom's Camel dependencies");
        }
    }

    @Test
    void should_install_the_caffeine_that_camel_karaf_installs() throws Exception {
        Element caffeine = camelKarafFeatures().get("camel-caffeine");
        List<String> theirs = new ArrayList<>();
        NodeList bundles = caffeine.getElementsByTagName("bundle");
        for (int i = 0; i < bundles.getLength(); i++) {
            theirs.add(bundles.item(i).getTextContent().trim());
        }
        List<String> ours = texts(xml("target/feature/feature.xml"), "bundle").stream()
                .filter(b -> b.startsWith("mvn:com.github.ben-manes.caffeine/")).toList();
        assertEquals(1, ours.size(), ours.toString());
        assertTrue(theirs.contains(ours.get(0)), ours.get(0) + " is not camel-karaf's " + theirs);
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

    @Test
    void should_ship_the_config_admin_file_with_the_facade_off_and_on_loopback() throws Exception {
        java.util.Properties cfg = new java.util.Properties();
        try (InputStream in = new FileInputStream("target/feature/io.upbitrouter.cfg")) {
            cfg.load(in);
        }
        assertEquals("false", cfg.getProperty("upbit.facade.enabled"));
        assertEquals("127.0.0.1", cfg.getProperty("upbit.osgi.server.host"));
        assertTrue(cfg.stringPropertyNames().stream().allMatch(k -> k.startsWith("upbit.")), cfg.toString());
        assertEquals(List.of("mvn:io.upbitrouter/upbit-smart-router/" + child(xml("pom.xml").getDocumentElement(), "version")
                + "/cfg/configuration"), texts(xml("target/feature/feature.xml"), "configfile"));
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
