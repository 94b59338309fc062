package io.upbitrouter.testsupport;

import io.upbitrouter.app.UpbitRouterModule;
import io.upbitrouter.sim.UpbitSimulator;
import io.vertx.core.net.impl.TCPServerBase;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.main.Main;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The whole module as the runnable starts it (Camel Main, the module's configurations and routes,
 * the embedded HTTP server with health and metrics on the same port), pointed at a simulator, on a
 * free loopback port. Extra properties override the defaults below.
 */
public final class RunningModule implements AutoCloseable {

    private static final int BIND_ATTEMPTS = 3;

    private Main main;
    private int port;

    public RunningModule(UpbitSimulator sim, Map<String, String> extra) throws Exception {
        this(sim, extra, false);
    }

    /** With the module's {@code upbitClock} the given one (the module's own configuration of it left out). */
    public RunningModule(UpbitSimulator sim, Map<String, String> extra, Clock clock) throws Exception {
        this(sim, extra, false, clock);
    }

    /**
     * With {@code shippedConfiguration}, the runnable's own {@code config/application.properties} is read
     * and only the port and the simulator's URLs are overridden.
     */
    public RunningModule(UpbitSimulator sim, Map<String, String> extra, boolean shippedConfiguration) throws Exception {
        this(sim, extra, shippedConfiguration, null);
    }

    private RunningModule(UpbitSimulator sim, Map<String, String> extra, boolean shippedConfiguration, Clock clock)
            throws Exception {
        // another process may take the probed port before the server binds it, and platform-http only logs a
        // failed bind (Camel 4.14 also cannot bind port 0): check the server listens there, else try another port
        for (int attempt = 1; ; attempt++) {
            port = FreePort.find();
            main = start(sim, extra, shippedConfiguration, port, clock);
            if (listensOnPort()) {
                return;
            }
            main.stop();
            if (attempt == BIND_ATTEMPTS) {
                throw new IllegalStateException("the module's HTTP server could not bind a free port in " + BIND_ATTEMPTS + " attempts");
            }
        }
    }

    /** Vert.x reports the asked port as actualPort() even when the bind failed; only its server base knows. */
    private boolean listensOnPort() {
        VertxPlatformHttpServer server = main.getCamelContext().hasService(VertxPlatformHttpServer.class);
        return server != null && server.getServer() instanceof TCPServerBase tcp && tcp.isListening();
    }

    private static Main start(UpbitSimulator sim, Map<String, String> extra, boolean shippedConfiguration, int port,
                              Clock clock) throws Exception {
        Main main = new Main();
        if (shippedConfiguration) {
            main.setPropertyPlaceholderLocations("file:config/application.properties");
            // below the file, as the runnable does (loopback, the facade on)
            java.util.Properties runnable = new java.util.Properties();
            runnable.putAll(io.upbitrouter.runnable.UpbitRouterMain.RUNNABLE_DEFAULTS);
            main.setInitialProperties(runnable);
            main.addOverrideProperty("camel.server.port", Integer.toString(port));
            main.addOverrideProperty("upbit.rest.base-url", sim.restBaseUrl());
            main.addOverrideProperty("upbit.ws.url", sim.wsUrl());
            main.addOverrideProperty("camel.main.shutdown-timeout", "3");
            extra.forEach(main::addOverrideProperty);
            UpbitRouterModule.configurations().forEach(c -> main.configure().addConfiguration(c));
            UpbitRouterModule.routeBuilders().forEach(r -> main.configure().addRoutesBuilder(r));
            main.start();
            return main;
        }
        Main configured = configuredMain(sim, extra, port, clock);
        configured.start();
        return configured;
    }

    /** The module's Camel Main with the test properties, pointed at the simulator, not started yet. */
    public static Main configuredMain(UpbitSimulator sim, Map<String, String> extra, int port) {
        return configuredMain(sim, extra, port, null);
    }

    /** As {@link #configuredMain(UpbitSimulator, Map, int)}, with the given {@code upbitClock} when not null. */
    public static Main configuredMain(UpbitSimulator sim, Map<String, String> extra, int port, Clock clock) {
        Main main = new Main();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camel.main.name", "upbit-smart-router-test");
        properties.put("camel.main.routes-include-pattern", "classpath:no-routes-here/*.yaml");
        properties.put("camel.main.shutdown-timeout", "3");
        properties.put("camel.server.enabled", "true");
        properties.put("upbit.facade.enabled", "true");
        // readiness follows the module, as in the runnable
        properties.put("upbit.health.readiness", io.upbitrouter.runnable.UpbitRouterMain.RUNNABLE_DEFAULTS.get("upbit.health.readiness"));
        properties.put("camel.server.host", "127.0.0.1");
        properties.put("camel.server.port", Integer.toString(port));
        properties.put("camel.management.enabled", "true");
        properties.put("camel.management.host", "127.0.0.1");
        properties.put("camel.management.port", Integer.toString(port));
        properties.put("camel.management.health-check-enabled", "true");
        properties.put("camel.management.metrics-enabled", "true");
        properties.put("camel.metrics.enabled", "true");
        properties.put("camel.metrics.enable-exchange-event-notifier", "false");
        properties.put("camel.health.enabled", "true");
        properties.put("camel.health.exposure-level", "full");
        properties.put("upbit.rest.base-url", sim.restBaseUrl());
        properties.put("upbit.ws.url", sim.wsUrl());
        properties.putAll(extra);
        properties.forEach(main::addOverrideProperty);
        if (clock != null) {
            // bound before the configurations run; the module's own clock configuration is left out, as it would replace it
            main.bind("upbitClock", clock);
        }
        UpbitRouterModule.configurations().stream()
                .filter(c -> clock == null || !(c instanceof io.upbitrouter.app.CoreConfiguration))
                .forEach(c -> main.configure().addConfiguration(c));
        UpbitRouterModule.routeBuilders().forEach(r -> main.configure().addRoutesBuilder(r));
        return main;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public HttpAnswers http() {
        return new HttpAnswers(baseUrl());
    }

    /**
     * The exchanges a route has completed, once none is in flight: every exchange the route ever made is counted then
     * (the count of an answered request follows its answer by a moment, so it is awaited). Tells which path answered
     * where a fast path may answer without the route.
     */
    public long settledExchanges(String routeId) {
        org.apache.camel.api.management.mbean.ManagedRouteMBean route = context().getCamelContextExtension()
                .getContextPlugin(org.apache.camel.api.management.ManagedCamelContext.class).getManagedRoute(routeId);
        awaitUntil(routeId + " has nothing in flight", Duration.ofSeconds(20), () -> route.getExchangesInflight() == 0);
        return route.getExchangesTotal();
    }

    /** Polls until the condition holds, failing after the timeout. */
    public static void awaitUntil(String what, Duration timeout, BooleanSupplier condition) {
        Await.until(what, timeout, condition);
    }

    @Override
    public void close() {
        main.stop();
    }
}
