package io.upbitrouter.testsupport;

import org.apache.camel.spi.RouteIdAware;

/** A queue consumer as a tap's interest sees it: just its route id. */
public final class RouteIds {

    private RouteIds() {
    }

    public static RouteIdAware of(String id) {
        return new RouteIdAware() {
            @Override
            public String getRouteId() {
                return id;
            }

            @Override
            public void setRouteId(String routeId) {
            }
        };
    }
}
