package io.upbitrouter.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written check of a market code agrees with the code's pattern on every text tried. */
class MarketCodesTest {

    private static void agrees(String text) {
        assertEquals(MarketCodes.PATTERN.matcher(text).matches(), MarketCodes.isValid(text), "'" + text + "'");
    }

    @Test
    void should_agree_with_the_pattern_on_edge_cases() {
        for (String text : List.of("KRW-BTC", "USDT-ETH", "KRW-1INCH", "BTC-A", "KR-B", "K-BTC", "-BTC", "KRW-", "KRW", "",
                "KRW--BTC", "KRW-BTC-X", "krw-btc", "KRW-btc", "KRW_BTC", "KRW-BTC ", " KRW-BTC", "KRW-BTC\u0000",
                "ABCDEFGHIJ-B", "ABCDEFGHIJK-B", "KRW-ABCDEFGHIJKLMNOPQRST", "KRW-ABCDEFGHIJKLMNOPQRSTU", "KRW-\u00c9",
                "\uff2b\uff32\uff37-BTC", "KRW-BTC.15", "0000-0")) {
            agrees(text);
        }
        assertTrue(MarketCodes.isValid("KRW-BTC"));
        assertFalse(MarketCodes.isValid(null));
    }

    @Test
    void should_agree_with_the_pattern_on_random_texts() {
        Random random = new Random(7);
        String alphabet = "AZ09az-_.\u00c9 ";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(34);
            for (int j = 0; j < length; j++) {
                text.append(random.nextInt(4) == 0 ? '-' : random.nextBoolean()
                        ? (char) ('A' + random.nextInt(26)) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            agrees(text.toString());
        }
    }
}
