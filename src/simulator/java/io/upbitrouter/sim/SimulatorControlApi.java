package io.upbitrouter.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The control endpoint under {@code /sim/control}: counters and fault switches over HTTP, for
 * demos and for tests that do not hold the Java object. Never rate limited.
 */
final class SimulatorControlApi {

    private final Vertx vertx;
    private final UpbitSimulator sim;

    SimulatorControlApi(Vertx vertx, UpbitSimulator sim) {
        this.vertx = vertx;
        this.sim = sim;
    }

    void mount(Router router) {
        router.get("/sim/control/counters").handler(ctx -> json(ctx, counters()));
        router.post("/sim/control/counters/reset").handler(ctx -> act(ctx, c -> sim.counters().reset()));
        router.get("/sim/control/faults").handler(ctx -> json(ctx, faults()));
        router.post("/sim/control/faults/drop").handler(ctx -> act(ctx, c -> sim.faults().dropAllConnections()));
        router.post("/sim/control/faults/silent").handler(ctx -> act(ctx, c -> sim.faults().silent(on(c))));
        router.post("/sim/control/faults/stall").handler(ctx -> act(ctx, c -> {
            String codes = c.queryParams().get("codes");
            if (codes == null || codes.isBlank()) {
                sim.faults().stallData(on(c));
            } else {
                sim.faults().stallCodes(on(c) ? List.of(codes.split(",")) : List.of());
            }
        }));
        router.post("/sim/control/faults/duplicates").handler(ctx -> act(ctx, c -> sim.faults().duplicates(on(c))));
        router.post("/sim/control/faults/out-of-order").handler(ctx -> act(ctx, c -> sim.faults().outOfOrder(on(c))));
        router.post("/sim/control/faults/malformed").handler(ctx -> act(ctx, c -> sim.faults().malformedFrames(intParam(c, "count", 1))));
        router.post("/sim/control/faults/slow-rest").handler(ctx -> act(ctx, c -> sim.faults().slowRest(Duration.ofMillis(intParam(c, "ms", 0)))));
        router.post("/sim/control/faults/rest-error-burst").handler(ctx -> act(ctx,
                c -> sim.faults().restErrorBurst(intParam(c, "status", 429), intParam(c, "count", 1))));
        router.post("/sim/control/faults/reset").handler(ctx -> act(ctx, c -> sim.faults().reset()));
        router.post("/sim/control/limits/reset").handler(ctx -> act(ctx, c -> sim.limits().reset()));
        router.post("/sim/control/limits/per-second").handler(ctx -> act(ctx, c -> sim.limits().perSecond(intParam(c, "n", 10))));
        router.post("/sim/control/market/step").handler(ctx -> act(ctx, c -> {
            int n = intParam(c, "count", 1);
            String market = c.queryParams().get("market");
            for (int i = 0; i < n; i++) {
                if (market == null) {
                    sim.market().step();
                } else {
                    sim.market().step(market);
                }
            }
        }));
        router.get("/sim/control/info").handler(ctx -> {
            ObjectNode o = UpbitJson.object();
            o.put("simulator", true);
            o.put("notice", "Upbit exchange SIMULATOR: all data is simulated, nothing comes from the real exchange.");
            o.put("restBaseUrl", sim.restBaseUrl());
            o.put("wsUrl", sim.wsUrl());
            sim.market().codes().forEach(o.putArray("markets")::add);
            json(ctx, o);
        });
    }

    private ObjectNode counters() {
        SimulatorCounters c = sim.counters();
        ObjectNode o = UpbitJson.object();
        o.put("openConnections", c.openConnections());
        o.put("connectionsAccepted", c.connectionsAccepted());
        o.put("connectionsRefused", c.connectionsRefused());
        o.put("subscriptionsReceived", c.subscriptionsReceived());
        o.put("subscriptionErrors", c.subscriptionErrors());
        o.put("messagesSent", c.messagesSent());
        o.put("malformedSent", c.malformedSent());
        ObjectNode requests = o.putObject("requests");
        c.requestsByGroup().forEach(requests::put);
        o.put("tooManyRequests", c.tooManyRequests());
        o.put("teapots", c.teapots());
        o.put("serverErrors", c.serverErrors());
        return o;
    }

    private ObjectNode faults() {
        SimulatorFaults f = sim.faults();
        ObjectNode o = UpbitJson.object();
        o.put("silent", f.isSilent());
        o.put("dataStalled", f.isDataStalled());
        f.stalledCodes().forEach(o.putArray("stalledCodes")::add);
        o.put("duplicates", f.isDuplicates());
        o.put("outOfOrder", f.isOutOfOrder());
        o.put("slowRestMs", f.slowRestDelay().toMillis());
        o.put("restErrorsPending", f.restErrorsPending());
        return o;
    }

    private void act(RoutingContext ctx, Consumer<RoutingContext> action) {
        vertx.executeBlocking(() -> {
            action.accept(ctx);
            return faults();
        }, false).onSuccess(state -> json(ctx, state)).onFailure(e -> {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(UpbitJson.text(UpbitJson.error(400, String.valueOf(e.getMessage()))));
        });
    }

    private static void json(RoutingContext ctx, ObjectNode body) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(UpbitJson.text(body));
    }

    private static boolean on(RoutingContext ctx) {
        String v = ctx.queryParams().get("on");
        return v == null || Boolean.parseBoolean(v);
    }

    private static int intParam(RoutingContext ctx, String name, int dflt) {
        String v = ctx.queryParams().get(name);
        return v == null || v.isEmpty() ? dflt : Integer.parseInt(v);
    }
}
