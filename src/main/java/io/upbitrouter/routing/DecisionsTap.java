package io.upbitrouter.routing;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.MarketDataResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.SedaEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.BlockingQueue;

/**
 * The decisions tap ({@link UpbitRouterConstants#DECISIONS}) for answers made without the request route: the same
 * message the route's wire tap sends (the JSON line and header of {@link DecisionRecord}), offered to the same queue,
 * and only while a route consumes it. Costs one exchange per answer then, and nothing but a check otherwise. The
 * exchange is made here for the queue alone, so it is offered as it is (the route's tap offers a copy of its own
 * exchange); the offer never blocks and drops the record when the queue is full ({@code discardWhenFull}), as the
 * route's tap does (a record that would be dropped is not built). Thread-safe.
 */
public final class DecisionsTap {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionsTap.class);

    private final SedaEndpoint endpoint;

    public DecisionsTap(CamelContext context) {
        this.endpoint = context.getEndpoint(UpbitRouterConstants.DECISIONS, SedaEndpoint.class);
    }

    /** Offers the answer's decision record when a route consumes the decisions; otherwise does nothing. */
    public void publish(MarketDataResponse response) {
        if (!endpoint.hasConsumers()) {
            return;
        }
        BlockingQueue<Exchange> queue = endpoint.getQueue();
        if (queue.remainingCapacity() == 0) {
            // the offer would drop it (discardWhenFull): nothing to build while the consumers are behind
            return;
        }
        Exchange record = endpoint.createExchange();
        record.getMessage().setBody(response);
        DecisionRecord.prepare(record);
        if (!queue.offer(record) && LOG.isTraceEnabled()) {
            LOG.trace("decisions queue full: a record dropped");
        }
    }
}
