package io.upbitrouter.app;

import io.upbitrouter.api.UpbitRouterConstants;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

import java.time.Clock;

/** Beans every concern shares. Tests bind their own {@code upbitClock} before this runs to drive time. */
public class CoreConfiguration implements CamelConfiguration {

    /** The clock every TTL, staleness, backoff and rate-limit decision reads. */
    @BindToRegistry(UpbitRouterConstants.BEAN_CLOCK)
    public Clock upbitClock() {
        return Clock.systemUTC();
    }
}
