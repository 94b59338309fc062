package io.upbitrouter.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The part every test clock shares: UTC, and the instant read from {@link #millis()}, which a clock defines. */
public abstract class UtcMillisClock extends Clock {

    @Override
    public abstract long millis();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
