package io.upbitrouter.rest;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RestGroupTest {

    @Test
    void should_name_the_group_of_every_quotation_path_and_no_other() {
        assertEquals(Optional.of(RestGroup.CANDLES), RestGroup.ofPath("candles/minutes/1"));
        assertEquals(Optional.of(RestGroup.CANDLES), RestGroup.ofPath("/candles/days"));
        assertEquals(Optional.of(RestGroup.TRADE), RestGroup.ofPath("trades/ticks"));
        assertEquals(Optional.of(RestGroup.TICKER), RestGroup.ofPath("ticker/all"));
        assertEquals(Optional.of(RestGroup.TICKER), RestGroup.ofPath("ticker"));
        assertEquals(Optional.of(RestGroup.ORDERBOOK), RestGroup.ofPath("orderbook"));
        assertEquals(Optional.of(RestGroup.MARKET), RestGroup.ofPath("market/all"));
        assertEquals(Optional.empty(), RestGroup.ofPath("accounts"));
        assertEquals(Optional.empty(), RestGroup.ofPath(null));
    }
}
