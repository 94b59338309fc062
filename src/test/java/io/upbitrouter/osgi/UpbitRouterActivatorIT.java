package io.upbitrouter.osgi;

import io.upbitrouter.api.SmartRouter;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.Await;
import io.upbitrouter.testsupport.FreePort;
import io.upbitrouter.testsupport.HttpAnswers;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.felix.cm.file.FilePersistenceManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundle activator in a real OSGi framework (Apache Felix) with the real Configuration Admin (Felix CM) installed
 * as a bundle: configuration through the PID {@code io.upbitrouter}, each update restarting the module, the etc file
 * when Configuration Admin has none, {@code SmartRouter} as an OSGi service, the facade only when configured, and
 * everything gone when the bundle stops. Karaf itself (camel-karaf's bundles) cannot be installed here: the module's
 * own classes come from the test class path and the activator is started with the framework's system bundle context.
 */
class UpbitRouterActivatorIT {

    private UpbitSimulator sim;
    private Framework framework;
    private BundleContext osgi;
    private ConfigurationAdmin configAdmin;
    private final UpbitRouterActivator activator = new UpbitRouterActivator();

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).seed(1).tradesPerSecond(0)
                .requestsPerSecond(1000).build().start();
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, dir.resolve("felix-cache").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Configuration Admin's API from the class path, as the activator sees it (the CM bundle also exports 1.6.0)
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.osgi.service.cm;version=1.6.1");
        properties.put("karaf.etc", etc.toString());
        properties.put("felix.cm.dir", dir.resolve("cm").toString());
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(properties);
        framework.start();
        osgi = framework.getBundleContext();
        Bundle cm = osgi.installBundle(FilePersistenceManager.class.getProtectionDomain().getCodeSource().getLocation().toString());
        cm.start();
        configAdmin = osgi.getService(osgi.getServiceReference(ConfigurationAdmin.class));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            activator.stop(osgi);
            framework.stop();
            framework.waitForStop(10_000);
        } finally {
            sim.stop();
        }
    }

    private Dictionary<String, Object> settings(Map<String, String> extra) {
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("upbit.rest.base-url", sim.restBaseUrl());
        settings.put("upbit.ws.url", sim.wsUrl());
        extra.forEach(settings::put);
        return settings;
    }

    private SmartRouter routerService() {
        ServiceReference<SmartRouter> reference = osgi.getServiceReference(SmartRouter.class);
        return reference == null ? null : osgi.getService(reference);
    }

    @Test
    void should_start_from_config_admin_register_the_router_and_restart_on_update() throws Exception {
        int port = FreePort.find();
        activator.start(osgi);
        Configuration configuration = configAdmin.getConfiguration(UpbitRouterActivator.PID, null);

        configuration.update(settings(Map.of("upbit.facade.enabled", "true", "upbit.osgi.server.port", Integer.toString(port))));

        Await.until("the module started with the facade", Duration.ofSeconds(30),
                () -> activator.context() != null && activator.context().getRoute("upbit-facade-ticker") != null
                        && routerService() != null);
        HttpResponse<String> ticker = new HttpAnswers("http://127.0.0.1:" + port).get("/v1/ticker?markets=KRW-BTC");
        assertEquals(200, ticker.statusCode(), ticker.body());
        MarketDataResponse answer = routerService().getTicker(List.of("KRW-BTC")).get(20, TimeUnit.SECONDS);
        assertEquals("KRW-BTC", answer.results().get(0).symbol());

        CamelContext first = activator.context();
        configuration.update(settings(Map.of("upbit.osgi.server.port", Integer.toString(port))));

        Await.until("the module restarted without the facade", Duration.ofSeconds(30),
                () -> activator.context() != null && activator.context() != first && routerService() != null);
        assertEquals(ServiceStatus.Stopped, first.getStatus());
        assertNull(activator.context().getRoute("upbit-facade-ticker"), "the facade is opt-in");
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close(), "nothing listens on " + port);
        assertNotSame(first, activator.context());

        activator.stop(osgi);
        assertNull(routerService(), "the OSGi service is gone with the bundle");
        assertNull(activator.context());
    }

    @Test
    void should_read_the_etc_file_when_config_admin_has_no_configuration() throws Exception {
        int port = FreePort.find();
        Files.writeString(Path.of(osgi.getProperty("karaf.etc"), UpbitRouterActivator.CONFIG_FILE), String.join("\n",
                "upbit.rest.base-url = " + sim.restBaseUrl(),
                "upbit.ws.url = " + sim.wsUrl(),
                "upbit.ws.enabled = false",
                "upbit.facade.enabled = true",
                "upbit.osgi.server.port = " + port,
                "upbit.osgi.routes = file:routes/decisions.yaml",
                "upbit.examples.decisions.to = mock:decisions"));

        activator.start(osgi);

        Await.until("the module started from the etc file", Duration.ofSeconds(30),
                () -> activator.context() != null && routerService() != null);
        CamelContext context = activator.context();
        HttpResponse<String> ticker = new HttpAnswers("http://127.0.0.1:" + port).get("/v1/ticker?markets=KRW-BTC");
        assertEquals(200, ticker.statusCode(), ticker.body());
        assertEquals("KRW-BTC", HttpAnswers.json(ticker).get(0).get("market").asText());
        assertTrue(context.getRouteController().getRouteStatus("upbit-example-decisions").isStarted());

        activator.stop(osgi);
        assertEquals(ServiceStatus.Stopped, context.getStatus());
        assertNull(activator.context());
    }
}
