package io.upbitrouter.rest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RemainingReqTest {

    @ParameterizedTest(name = "[{index}] {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "group=market; min=600; sec=9      | market    | 9  | 600",
            "group=candles; min=600; sec=9     | candles   | 9  | 600",
            "group=ticker; sec=8               | ticker    | 8  | -1",
            "sec=3; group=orderbook            | orderbook | 3  | -1",
            "GROUP=Trade;SEC=0;MIN=1           | trade     | 0  | 1",
            "group=default; min=1800; sec=29   | default   | 29 | 1800",
            "group=ticker; min=; sec=x         | ticker    | -1 | -1",
            "garbage                           | NULL      | -1 | -1",
            "''                                | NULL      | -1 | -1",
            "group=ticker; sec=-1; foo=bar     | ticker    | -1 | -1",
    })
    void should_parse_what_it_understands_and_ignore_the_rest(String header, String group, int sec, int min) {
        RemainingReq r = RemainingReq.parse(header);
        assertEquals(group, r.group());
        assertEquals(sec < 0 ? OptionalInt.empty() : OptionalInt.of(sec), r.sec());
        assertEquals(min < 0 ? OptionalInt.empty() : OptionalInt.of(min), r.min());
    }

    @Test
    void should_parse_a_missing_header_to_nothing_known() {
        RemainingReq r = RemainingReq.parse(null);
        assertNull(r.group());
        assertEquals(OptionalInt.empty(), r.sec());
    }

    @Test
    void should_map_candle_and_candles_to_one_group_and_unknown_groups_to_none() {
        assertEquals(Optional.of(RestGroup.CANDLES), RemainingReq.parse("group=candle; sec=1").restGroup());
        assertEquals(Optional.of(RestGroup.CANDLES), RemainingReq.parse("group=candles; sec=1").restGroup());
        assertEquals(Optional.empty(), RemainingReq.parse("group=default; sec=1").restGroup());
    }
}
