package io.upbitrouter.sim;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the runnable's upbit.simulator.* keys: the switch, markets, synthetic markets, the properties file. */
class SimulatorLaunchIT {

    @Test
    void should_be_requested_by_the_switch_only() {
        assertTrue(SimulatorLaunch.requested(new String[] {"--simulator"}));
        assertFalse(SimulatorLaunch.requested(new String[0]));
        assertFalse(SimulatorLaunch.requested(new String[] {"upbit.simulator.enabled=true"}));
        assertArrayEquals(new String[] {"-x"}, SimulatorLaunch.withoutSwitch(new String[] {"--simulator", "-x"}));
    }

    @Test
    void should_list_the_configured_or_synthetic_markets() {
        Map<String, String> keys = new HashMap<>();
        assertEquals(MarketSpec.DEFAULT_MARKETS.size(), SimulatorLaunch.builder(keys::get).build().market().codes().size());
        keys.put("upbit.simulator.markets", "KRW-BTC, KRW-ADA");
        assertEquals(List.of("KRW-BTC", "KRW-ADA"), SimulatorLaunch.builder(keys::get).build().market().codes());
        keys.put("upbit.simulator.synthetic-markets", "12");
        assertEquals(12, SimulatorLaunch.builder(keys::get).build().market().codes().size());
    }

    @Test
    void should_read_keys_from_the_properties_file_and_listen_on_the_configured_port() throws Exception {
        Path file = Files.createTempFile("sim", ".properties");
        try {
            Files.writeString(file, "upbit.simulator.port = 0\nupbit.simulator.trades-per-second = 0\nupbit.simulator.markets = KRW-XRP\n"
                    + "upbit.simulator.requests-per-second = 2\n");
            try (UpbitSimulator sim = SimulatorLaunch.builder(SimulatorLaunch.standardLookup(file)).build().start()) {
                assertTrue(sim.port() > 0 && sim.port() != SimulatorLaunch.DEFAULT_PORT);
                assertEquals(List.of("KRW-XRP"), sim.market().codes());
                assertEquals("group=ticker; min=600; sec=1",
                        SimHttp.get(sim.restBaseUrl() + "/ticker?markets=KRW-XRP").headers().firstValue("Remaining-Req").orElseThrow());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
