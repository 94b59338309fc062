package io.upbitrouter.sim;

import java.util.List;
import java.util.Locale;

/**
 * A market the simulator lists: its code, display names and the price level its seeded price path
 * wanders around.
 */
public record MarketSpec(String code, String koreanName, String englishName, double basePrice) {

    /** A handful of real KRW markets with plausible price levels (the data is simulated all the same). */
    public static final List<MarketSpec> DEFAULT_MARKETS = List.of(
            new MarketSpec("KRW-BTC", "비트코인", "Bitcoin", 140_000_000),
            new MarketSpec("KRW-ETH", "이더리움", "Ethereum", 5_000_000),
            new MarketSpec("KRW-XRP", "리플", "XRP", 3_200),
            new MarketSpec("KRW-SOL", "솔라나", "Solana", 250_000),
            new MarketSpec("KRW-DOGE", "도지코인", "Dogecoin", 320),
            new MarketSpec("KRW-USDT", "테더", "Tether", 1_400));

    /** The default spec for a known code, or a synthetic one with a price level derived from the code. */
    public static MarketSpec forCode(String code) {
        for (MarketSpec spec : DEFAULT_MARKETS) {
            if (spec.code.equals(code)) {
                return spec;
            }
        }
        String asset = code.substring(code.indexOf('-') + 1);
        // a stable price level between ~10 and ~1,000,000 so tick sizes vary across markets
        double level = Math.pow(10, 1 + Math.floorMod(code.hashCode(), 50) / 10.0);
        return new MarketSpec(code, "시뮬레이션 " + asset, "Simulated " + asset, level);
    }

    /** {@code n} synthetic KRW markets, {@code KRW-SIM001} upwards. */
    public static List<MarketSpec> synthetic(int n) {
        if (n < 1 || n > 999) {
            throw new IllegalArgumentException("synthetic market count must be 1..999: " + n);
        }
        return java.util.stream.IntStream.rangeClosed(1, n)
                .mapToObj(i -> forCode(String.format(Locale.ROOT, "KRW-SIM%03d", i)))
                .toList();
    }
}
