package io.upbitrouter.osgi;

import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.FreePort;
import io.upbitrouter.testsupport.HttpAnswers;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundle activator outside a container: it assembles the module without Camel Main from
 * {@code etc/io.upbitrouter.cfg}, serves the facade on the configured port, loads YAML routes from
 * {@code upbit.osgi.routes}, and stops with the bundle. The OSGi framework is stood in for by a
 * proxy answering the few BundleContext calls the activator makes.
 */
class UpbitRouterActivatorTest {

    private static BundleContext bundleContext(Map<String, String> frameworkProperties) {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> "getSymbolicName".equals(method.getName()) ? "io.upbitrouter.upbit-smart-router" : null);
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> frameworkProperties.get((String) args[0]);
                    case "getBundle" -> bundle;
                    default -> null;
                });
    }

    @Test
    void should_run_the_module_from_the_karaf_config_file_and_stop_with_the_bundle(@TempDir Path etc) throws Exception {
        int port = FreePort.find();
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).seed(1).tradesPerSecond(0)
                .requestsPerSecond(1000).build().start()) {
            Files.writeString(etc.resolve(UpbitRouterActivator.CONFIG_FILE), String.join("\n",
                    "upbit.rest.base-url = " + sim.restBaseUrl(),
                    "upbit.ws.url = " + sim.wsUrl(),
                    "upbit.ws.enabled = false",
                    "upbit.osgi.server.port = " + port,
                    "upbit.osgi.routes = file:routes/decisions.yaml",
                    "upbit.examples.decisions.to = mock:decisions"));
            UpbitRouterActivator activator = new UpbitRouterActivator();
            BundleContext bundle = bundleContext(Map.of("karaf.etc", etc.toString()));

            activator.start(bundle);
            CamelContext context = activator.context();
            try {
                HttpResponse<String> ticker = new HttpAnswers("http://127.0.0.1:" + port).get("/v1/ticker?markets=KRW-BTC");
                assertEquals(200, ticker.statusCode(), ticker.body());
                assertEquals("KRW-BTC", HttpAnswers.json(ticker).get(0).get("market").asText());
                assertTrue(context.getRouteController().getRouteStatus("upbit-example-decisions").isStarted());
                assertTrue(context.getRoutes().size() > 10, "module routes present");
            } finally {
                activator.stop(bundle);
            }

            assertEquals(ServiceStatus.Stopped, context.getStatus());
            assertNull(activator.context());
        }
    }
}
