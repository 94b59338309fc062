package io.upbitrouter.api;

import io.upbitrouter.app.UpbitRouterModule;
import io.upbitrouter.osgi.UpbitRouterContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module's names in a host: every bean it binds has a prefixed name taken from {@link UpbitRouterConstants} and
 * named after its type, and the YAML (Kamelets, shipped routes) and docs, which cannot use Java constants, use the
 * constants' values: bean names, header names, endpoint URIs and route template ids.
 */
class RegistryNamesTest {

    private static final List<Path> TEXTS = texts();

    @Test
    void should_bind_only_prefixed_names_from_the_constants_each_named_after_its_type() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().addInitialProperty("upbit.facade.enabled", "true");
            Set<String> before = new java.util.HashSet<>(context.getRegistry().findByTypeWithName(Object.class).keySet());
            UpbitRouterContext.assemble(context, UpbitRouterModule.configurations(), UpbitRouterModule.routeBuilders());
            Map<String, Object> bound = new HashMap<>(context.getRegistry().findByTypeWithName(Object.class));
            bound.keySet().removeAll(before);

            Set<String> constants = constants("BEAN_");
            assertFalse(bound.isEmpty());
            for (Map.Entry<String, Object> bean : bound.entrySet()) {
                String name = bean.getKey();
                if (bean.getValue() instanceof Component) {
                    assertEquals(UpbitRouterConstants.STREAM_COMPONENT, name, "a component is bound under its scheme");
                    continue;
                }
                assertTrue(constants.contains(name), name + " is bound but is no BEAN_ constant of UpbitRouterConstants");
                assertTrue(namedAfterItsType(name, bean.getValue().getClass()),
                        name + " is not named after its type " + bean.getValue().getClass().getName());
            }
            // bound elsewhere only: the meter registry at start when the host has none; the simulator by the runnable;
            // the cluster's beans only with upbit.cluster.enabled=true
            Set<String> missing = new TreeSet<>(constants);
            missing.removeAll(bound.keySet());
            assertEquals(Set.of(UpbitRouterConstants.BEAN_METER_REGISTRY, UpbitRouterConstants.BEAN_SIMULATOR, UpbitRouterConstants.BEAN_CLUSTER, UpbitRouterConstants.BEAN_HAZELCAST), missing,
                    "constants of beans never bound");
        }
    }

    @Test
    void should_write_every_bean_name_with_the_prefix_once() throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        for (String name : constants("BEAN_")) {
            assertTrue(name.startsWith("upbit"), name);
            assertTrue(seen.add(name), "twice: " + name);
        }
        assertFalse(constants("").contains("metricsRegistry"), "Camel's shared name is the host's");
    }

    @Test
    void should_use_the_constants_values_in_yaml_and_docs() throws Exception {
        Set<String> beans = constants("BEAN_");
        Set<String> headers = new TreeSet<>();
        for (String value : constants("")) {
            if (value.matches("Upbit[A-Z][A-Za-z]+")) {
                headers.add(value);
            }
        }
        Set<String> endpoints = new TreeSet<>();
        for (String value : constants("")) {
            if (value.startsWith("direct:") || value.startsWith("seda:")) {
                endpoints.add(value.replaceAll("\\?.*", ""));
            }
        }
        Set<String> templates = constants("TEMPLATE_");
        List<String> wrong = new ArrayList<>();
        int found = 0;
        for (Path text : TEXTS) {
            String content = Files.readString(text);
            for (String bean : all(content, "\\$\\{bean:([A-Za-z]+)")) {
                found++;
                check(beans.contains(bean), text + ": bean " + bean, wrong);
            }
            for (String header : all(content, "\\$\\{header\\.(Upbit[A-Za-z]+)\\}")) {
                found++;
                check(headers.contains(header), text + ": header " + header, wrong);
            }
            for (String list : all(content, "headers? ((?:`?Upbit[A-Za-z]+`?(?:, |,? and )?)+)")) {
                for (String header : all(list, "(Upbit[A-Za-z]+)")) {
                    found++;
                    check(headers.contains(header), text + ": header " + header, wrong);
                }
            }
            for (String endpoint : all(content, "((?:direct|seda):upbit-[a-z-]*[a-z])")) {
                if (!endpoint.contains("upbit-example-")) {
                    found++;
                    check(endpoints.contains(endpoint), text + ": endpoint " + endpoint, wrong);
                }
            }
            for (String template : all(content, "routeTemplateRef: \"?([a-z-]+)")) {
                found++;
                check(templates.contains(template), text + ": template " + template, wrong);
            }
        }
        assertTrue(wrong.isEmpty(), "not the constants' values: " + wrong);
        assertTrue(found > 20, "too few names found to mean anything: " + found);
    }

    @Test
    void should_read_the_kamelets_stream_from_the_market_updates_endpoint_exactly() throws IOException {
        for (String kamelet : List.of("upbit-ticker-source", "upbit-candles-source")) {
            String yaml = Files.readString(Path.of("src/main/resources/kamelets/" + kamelet + ".kamelet.yaml"));
            assertTrue(yaml.contains("uri: \"" + UpbitRouterConstants.MARKET_UPDATES + "\""), kamelet);
        }
        String action = Files.readString(Path.of("src/main/resources/kamelets/upbit-market-data-action.kamelet.yaml"));
        assertTrue(action.contains("to: \"" + UpbitRouterConstants.MARKET_DATA + "\""));
    }

    /** The name is "upbit" plus the simple name of its class, a superclass or an interface ("Upbit" dropped), or ends with one. */
    static boolean namedAfterItsType(String name, Class<?> type) {
        for (Class<?> t : hierarchy(type)) {
            String simple = t.getSimpleName().replaceFirst("^Upbit", "");
            if (!simple.isEmpty() && (name.equals("upbit" + simple) || name.endsWith(simple))) {
                return true;
            }
        }
        return false;
    }

    private static Set<Class<?>> hierarchy(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            all.add(c);
            addInterfaces(c, all);
        }
        return all;
    }

    private static void addInterfaces(Class<?> c, Set<Class<?>> all) {
        for (Class<?> i : c.getInterfaces()) {
            if (all.add(i)) {
                addInterfaces(i, all);
            }
        }
    }

    private static Set<String> constants(String prefix) throws IllegalAccessException {
        Set<String> values = new TreeSet<>();
        for (Field field : UpbitRouterConstants.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class && field.getName().startsWith(prefix)) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }

    private static List<String> all(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static void check(boolean ok, String what, List<String> wrong) {
        if (!ok) {
            wrong.add(what);
        }
    }

    private static List<Path> texts() {
        List<Path> all = new ArrayList<>();
        all.add(Path.of("README.md"));
        for (String dir : List.of("routes", "src/main/docs", "src/main/resources/kamelets")) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".md")).sorted().forEach(all::add);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return all;
    }
}
