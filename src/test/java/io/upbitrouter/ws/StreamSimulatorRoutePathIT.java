package io.upbitrouter.ws;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The same guarantees with {@code upbit.ws.ingest.fast-path=false}: every frame goes through the route
 * {@code upbit-ws-ingest} on a Vert.x worker, as the stock consumer delivers it.
 */
class StreamSimulatorRoutePathIT extends StreamSimulatorIT {

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.setProperty("upbit.ws.ingest.fast-path", "false");
        return p;
    }

    @Test
    void should_hand_every_frame_to_the_route() throws Exception {
        context.start();
        SupervisedClientConsumer consumer = (SupervisedClientConsumer) context.getRoute("upbit-ws-ingest").getConsumer();
        assertFalse(consumer.takesFramesItself());
    }
}
