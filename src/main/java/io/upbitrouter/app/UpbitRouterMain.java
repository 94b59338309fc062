package io.upbitrouter.app;

import io.upbitrouter.sim.SimulatorLaunch;
import io.upbitrouter.sim.UpbitSimulator;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The standalone runnable: Camel Main with the module's routes, configured from
 * {@code config/application.properties} (then system properties, then environment variables).
 * With {@code --simulator} (or {@code upbit.simulator.enabled=true}) it first starts the bundled
 * exchange simulator on 127.0.0.1 and points {@code upbit.rest.base-url} and {@code upbit.ws.url} at it.
 */
public final class UpbitRouterMain {

    private static final Logger LOG = LoggerFactory.getLogger(UpbitRouterMain.class);

    private static volatile boolean bindFailed;

    private UpbitRouterMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        String configDir = System.getProperty("upbit.config.dir", System.getenv().getOrDefault("UPBIT_CONFIG_DIR", "config"));
        main.setPropertyPlaceholderLocations("file:" + configDir + "/application.properties;optional=true");
        UpbitRouterModule.configurations().forEach(c -> main.configure().addConfiguration(c));
        UpbitRouterModule.routeBuilders().forEach(r -> main.configure().addRoutesBuilder(r));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                try {
                    HttpServerBindCheck.verify(m.getCamelContext());
                } catch (IllegalStateException e) {
                    LOG.error("Cannot start: {}", e.getMessage());
                    bindFailed = true;
                    throw e;
                }
            }
        });
        Optional<UpbitSimulator> sim = startSimulatorIfAsked(main, args, SimulatorLaunch.standardLookup(Path.of(configDir, "application.properties")));
        int exit;
        try {
            exit = main.run(SimulatorLaunch.withoutSwitch(args));
        } finally {
            sim.ifPresent(UpbitSimulator::stop); // also when Camel fails to start, so the JVM can exit
        }
        if (bindFailed) {
            System.exit(2);
        } else if (exit != 0) {
            System.exit(exit);
        }
    }

    /**
     * Starts the simulator before Camel when asked for, overrides the upstream URLs with its own and
     * stops it after Camel stops. Returns the simulator, or empty when it was not asked for.
     */
    static Optional<UpbitSimulator> startSimulatorIfAsked(Main main, String[] args, Function<String, String> lookup) {
        if (!SimulatorLaunch.requested(args, lookup)) {
            return Optional.empty();
        }
        UpbitSimulator sim = SimulatorLaunch.builder(lookup).build().start();
        main.addOverrideProperty("upbit.rest.base-url", sim.restBaseUrl());
        main.addOverrideProperty("upbit.ws.url", sim.wsUrl());
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                // a context service, so the simulator stops whenever Camel stops, however it is stopped
                try {
                    m.getCamelContext().addService(new ServiceSupport() {
                        @Override
                        protected void doStop() {
                            sim.stop();
                        }
                    }, true, true);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot tie the simulator to Camel's lifecycle", e);
                }
            }
        });
        LOG.warn("SIMULATOR MODE: upbit.rest.base-url={} and upbit.ws.url={} point at the local exchange simulator; "
                + "all market data served is SIMULATED, not from Upbit.", sim.restBaseUrl(), sim.wsUrl());
        return Optional.of(sim);
    }
}
