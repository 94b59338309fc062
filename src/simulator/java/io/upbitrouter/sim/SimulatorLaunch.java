package io.upbitrouter.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * Starting the simulator from configuration: the {@code --simulator} switch, the
 * {@code upbit.simulator.*} keys and where they are looked up (system property, then environment
 * variable, then {@code config/application.properties}), before any Camel context exists.
 */
public final class SimulatorLaunch {

    /** The command-line switch of the runnable. */
    public static final String SWITCH = "--simulator";
    /** The port the runnable's simulator listens on unless configured (0 = ephemeral). */
    public static final int DEFAULT_PORT = 18080;

    private SimulatorLaunch() {
    }

    /**
     * Looks a key up as a system property, then as an environment variable (upper case, dots and
     * dashes as underscores), then in the given properties file (if it exists).
     */
    public static Function<String, String> standardLookup(Path propertiesFile) {
        Properties file = new Properties();
        if (propertiesFile != null && Files.isReadable(propertiesFile)) {
            try (InputStream in = Files.newInputStream(propertiesFile)) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + propertiesFile, e);
            }
        }
        return key -> {
            String v = System.getProperty(key);
            if (v == null) {
                v = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
            if (v == null) {
                v = file.getProperty(key);
            }
            return v == null ? null : v.trim();
        };
    }

    /**
     * Whether the simulator was asked for: only by the switch among the arguments, never by a configuration key or
     * an environment variable, so that simulated prices cannot be switched on by a stray setting.
     */
    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains(SWITCH);
    }

    /** The arguments without the switch (Camel Main does not know it). */
    public static String[] withoutSwitch(String[] args) {
        return Arrays.stream(args).filter(a -> !SWITCH.equals(a)).toArray(String[]::new);
    }

    /** A builder configured from the {@code upbit.simulator.*} keys, with the runnable's defaults. */
    public static UpbitSimulator.Builder builder(Function<String, String> lookup) {
        UpbitSimulator.Builder b = UpbitSimulator.builder()
                .port(intValue(lookup, "upbit.simulator.port", DEFAULT_PORT))
                .seed(Long.parseLong(value(lookup, "upbit.simulator.seed", "42")))
                .tradesPerSecond(Double.parseDouble(value(lookup, "upbit.simulator.trades-per-second", "5")))
                .idleTimeout(Duration.ofMillis(intValue(lookup, "upbit.simulator.idle-timeout-ms", 120_000)))
                .banDuration(Duration.ofMillis(intValue(lookup, "upbit.simulator.ban-duration-ms", 10_000)))
                .requestsPerSecond(intValue(lookup, "upbit.simulator.requests-per-second", 10))
                .banAfterRefusals(intValue(lookup, "upbit.simulator.ban-after-refusals", 5));
        String markets = value(lookup, "upbit.simulator.markets", "");
        if (!markets.isBlank()) {
            b.markets(List.of(markets.replace(" ", "").split(",")));
        }
        int synthetic = intValue(lookup, "upbit.simulator.synthetic-markets", 0);
        if (synthetic > 0) {
            b.syntheticMarkets(synthetic);
        }
        return b;
    }

    private static String value(Function<String, String> lookup, String key, String dflt) {
        String v = lookup.apply(key);
        return v == null || v.isBlank() ? dflt : v;
    }

    private static int intValue(Function<String, String> lookup, String key, int dflt) {
        return Integer.parseInt(value(lookup, key, String.valueOf(dflt)));
    }
}
