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
 * message the route's wire tap sends (the JSON line and headers of {@link DecisionRecord}), offered to the same queue,
 * and only when a route consuming it wants it ({@link DecisionsInterest}). Costs one exchange per answer then, and nothing but a check otherwise. The
 * exchange is made here for the queue alone, so it is offered as it is (the route's tap offers a copy of its own
 * exchange); the offer never blocks and drops the record when the queue is full ({@code discardWhenFull}), as the
 * route's tap does (a record that would be dropped is not built). Thread-safe.
 */
public final class DecisionsTap {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionsTap.class);

    private final SedaEndpoint endpoint;
    private final DecisionsInterest interest;

    public DecisionsTap(CamelContext context) {
        this(context.getEndpoint(UpbitRouterConstants.DECISIONS, SedaEndpoint.class), context.getRegistry()
                .lookupByNameAndType(UpbitRouterConstants.BEAN_DECISIONS_INTEREST, DecisionsInterest.class));
    }

    /**
     * The tap of {@code endpoint}, offering what {@code interest} wants (wired to the endpoint's consumers by the
     * request route); without an interest, every record while the endpoint has a consumer.
     */
    DecisionsTap(SedaEndpoint endpoint, DecisionsInterest interest) {
        this.endpoint = endpoint;
        if (interest == null) {
            interest = new DecisionsInterest();
            interest.consumers(endpoint.getConsumers());
        }
        this.interest = interest;
    }

    /** Offers the answer's decision record when a route consuming the decisions wants it; otherwise does nothing. */
    public void publish(MarketDataResponse response) {
        if (!interest.wanted(response)) {
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
