package io.upbitrouter.runnable;

import io.upbitrouter.sim.SimulatorLaunch;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.app.UpbitRouterModule;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The standalone runnable: Camel Main with the module's routes, configured from
 * {@code config/application.properties} (then system properties, then environment variables); without that
 * file it logs so and keeps to safe defaults ({@link #RUNNABLE_DEFAULTS}: loopback, no {@code /observe/info}).
 * Exits with status {@value #EXIT_ADDRESS_TAKEN} when the HTTP server's address is taken.
 * With {@code --simulator} (the only switch; no configuration key turns it on) it first starts the bundled
 * exchange simulator on 127.0.0.1 and points {@code upbit.rest.base-url} and {@code upbit.ws.url} at it.
 */
public final class UpbitRouterMain {

    private static final Logger LOG = LoggerFactory.getLogger(UpbitRouterMain.class);

    /** Exit status when the HTTP server's address is taken (README "Quick start"); 1 is any other failure. */
    static final int EXIT_ADDRESS_TAKEN = 2;
    /**
     * Safe values for keys the configuration file normally sets, used when neither the file, a system
     * property nor an environment variable does: Camel's own defaults would bind 0.0.0.0 and publish /observe/info.
     */
    public static final Map<String, String> RUNNABLE_DEFAULTS = Map.of(
            "camel.server.host", "127.0.0.1",
            // the module's facade is opt-in for hosts; the runnable is the proxy, so it asks for it
            "upbit.facade.enabled", "true",
            // for a host a down part of the module is a readiness detail; the runnable is the module, so it is DOWN
            "upbit.health.readiness", "down",
            "camel.management.host", "127.0.0.1",
            "camel.management.info-enabled", "false",
            "camel.management.dev-console-enabled", "false");

    private UpbitRouterMain() {
    }

    public static void main(String[] args) throws Exception {
        int status = run(args, configDir(), Map.of());
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs until Camel stops; returns the exit status (0, {@link #EXIT_ADDRESS_TAKEN}, or Camel's own). */
    static int run(String[] args, String configDir, Map<String, String> overrides) throws Exception {
        AtomicBoolean addressTaken = new AtomicBoolean();
        Main main = newMain(configDir, overrides, addressTaken);
        Optional<UpbitSimulator> sim = startSimulatorIfAsked(main, args, SimulatorLaunch.standardLookup(Path.of(configDir, "application.properties")));
        int exit;
        try {
            exit = main.run(SimulatorLaunch.withoutSwitch(args));
        } catch (IllegalStateException e) {
            if (addressTaken.get()) {
                return EXIT_ADDRESS_TAKEN; // logged by the bind check; an uncaught exception would exit with 1
            }
            throw e;
        } finally {
            sim.ifPresent(UpbitSimulator::stop); // also when Camel fails to start, so the JVM can exit
        }
        return addressTaken.get() ? EXIT_ADDRESS_TAKEN : exit;
    }

    /**
     * The runnable's Camel Main, not started: the module's configurations and routes, {@code application.properties}
     * from {@code configDir} (a missing file is logged and the safe defaults apply), and the bind check that refuses
     * to start when the HTTP server's address is taken (then {@code addressTaken} is set).
     */
    static Main newMain(String configDir, Map<String, String> overrides, AtomicBoolean addressTaken) {
        Main main = new Main();
        Path file = Path.of(configDir, "application.properties").toAbsolutePath().normalize();
        if (Files.isRegularFile(file)) {
            LOG.info("Configuration: {}", file);
        } else {
            LOG.warn("No configuration file at {}: running on defaults and -D / environment settings (HTTP server, "
                    + "when enabled, on 127.0.0.1). Set -Dupbit.config.dir or UPBIT_CONFIG_DIR to the folder holding it.", file);
        }
        main.setPropertyPlaceholderLocations("file:" + configDir + "/application.properties;optional=true");
        Properties initial = new Properties();
        initial.putAll(RUNNABLE_DEFAULTS);
        main.setInitialProperties(initial);
        overrides.forEach(main::addOverrideProperty);
        UpbitRouterModule.configurations().forEach(c -> main.configure().addConfiguration(c));
        UpbitRouterModule.routeBuilders().forEach(r -> main.configure().addRoutesBuilder(r));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                try {
                    HttpServerBindCheck.verify(m.getCamelContext());
                } catch (IllegalStateException e) {
                    LOG.error("Cannot start: {}", e.getMessage());
                    addressTaken.set(true);
                    throw e;
                }
            }
        });
        return main;
    }

    private static String configDir() {
        return System.getProperty("upbit.config.dir", System.getenv().getOrDefault("UPBIT_CONFIG_DIR", "config"));
    }

    /**
     * Starts the simulator before Camel when asked for, overrides the upstream URLs with its own and
     * stops it after Camel stops. Returns the simulator, or empty when it was not asked for.
     */
    static Optional<UpbitSimulator> startSimulatorIfAsked(Main main, String[] args, Function<String, String> lookup) {
        if (!SimulatorLaunch.requested(args)) {
            return Optional.empty();
        }
        UpbitSimulator sim = SimulatorLaunch.builder(lookup).build().start();
        main.addOverrideProperty("upbit.rest.base-url", sim.restBaseUrl());
        main.addOverrideProperty("upbit.ws.url", sim.wsUrl());
        main.bind(UpbitRouterConstants.BEAN_SIMULATOR, sim); // the facade's answers then say the data is simulated
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
