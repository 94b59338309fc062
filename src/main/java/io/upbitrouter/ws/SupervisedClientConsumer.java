package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.websocket.VertxWebsocketClientConsumer;

/**
 * The stock client consumer without its own connect and reconnect: starting it hands it to the
 * {@link StreamSupervisor}, which opens sockets and calls {@link #bind} for each.
 * <p>
 * Frames: the stock consumer makes an exchange per frame and runs the route on a Vert.x worker
 * ({@code executeBlocking}, unordered). For the module's ingest route ({@value UpbitRouterConstants#WS_INGEST_ROUTE_ID})
 * with a {@link StreamIngest} given, this consumer first takes each frame itself, on the socket's event-loop thread,
 * in arrival order: decode, duplicate check and cache offer in one step ({@link StreamIngest#ingest}), no exchange.
 * A stored item that a route consuming the market updates wants is handed to their queue on this thread
 * ({@link StreamIngest#tapIfWanted}, a non-blocking offer with the wire tap's message). Only a frame that needs more
 * ({@link StreamIngest#needsRoute}: keepalive answers, errors, undecodable frames) becomes an exchange for the route,
 * with the decoded {@link StreamFrame} as its body, on a worker as the stock consumer does (a wanted stored item the
 * tap could not take, before it started, goes through the route's wire tap on this thread). Measured in the benchmark suite (ingest):
 * an exchange and a worker hand-off per frame cost more than the decode itself. Without an ingest (another route
 * on this scheme) every frame goes to the route as the stock consumer delivers it ({@code byte[]} or {@code String}
 * bodies on Vert.x workers); the ingest route with {@code upbit.ws.ingest.fast-path=false} gets every frame as it came,
 * on the socket's thread in arrival order, as its duplicate filter needs.
 */
public class SupervisedClientConsumer extends VertxWebsocketClientConsumer {

    private final StreamSupervisor supervisor;
    private final StreamIngest ingest;
    private volatile StreamIngest fastPath;
    private volatile boolean ingestRoute;

    public SupervisedClientConsumer(SupervisedWebsocketEndpoint endpoint, Processor processor, StreamSupervisor supervisor,
                                    StreamIngest ingest) {
        super(endpoint, processor);
        this.supervisor = supervisor;
        this.ingest = ingest;
    }

    @Override
    public SupervisedWebsocketEndpoint getEndpoint() {
        return (SupervisedWebsocketEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() {
        ingestRoute = UpbitRouterConstants.WS_INGEST_ROUTE_ID.equals(getRouteId());
        fastPath = ingest != null && ingestRoute ? ingest : null;
        // No connect here: the exchange being down must not stop the route (and the module) from starting.
        supervisor.attach(this);
    }

    @Override
    protected void doStop() throws Exception {
        supervisor.detach(this);
        super.doStop();
    }

    /** Wires a freshly opened socket to this consumer; its close goes to the supervisor, not to a reconnect loop. */
    @Override
    protected void configureWebSocketHandlers(WebSocket webSocket) {
        // the ingest reads a binary frame in place; the route gets its own copy of the bytes, as the stock consumer gives
        webSocket.binaryMessageHandler(buffer -> onFrame(fastPath != null ? buffer : buffer.getBytes()));
        webSocket.textMessageHandler(this::onFrame);
        webSocket.exceptionHandler(error -> supervisor.onSocketError(webSocket, error));
        webSocket.closeHandler(ignored -> supervisor.onClosed(webSocket));
    }

    void bind(WebSocket webSocket) {
        configureWebSocketHandlers(webSocket);
    }

    /** True when frames are taken on the socket's thread by the ingest, false when every frame goes to the route. */
    public boolean takesFramesItself() {
        return fastPath != null;
    }

    private void onFrame(Object body) {
        if (!isRunAllowed()) {
            // stopped (the host is shutting down) while the socket still delivers: the route's services may be
            // stopped already and would refuse the frame with an error per frame; the stream is going away anyway
            return;
        }
        StreamIngest taking = fastPath;
        if (taking == null) {
            if (ingestRoute) {
                // the ingest route without the fast path: still one frame at a time in arrival order, on this thread,
                // since its duplicate filter keeps per stream only what is newer than the last accepted item
                routeHere(body);
            } else {
                handleResult(body);
            }
            return;
        }
        StreamFrame frame;
        try {
            frame = taking.ingest(body);
        } catch (RuntimeException e) {
            // the route's error handling counts and logs it (dead letter), as for any frame it fails on
            handleResult(body instanceof Buffer buffer ? buffer.getBytes() : body);
            return;
        }
        if (taking.tapIfWanted(frame) || !taking.needsRoute(frame)) {
            return;
        }
        if (frame.isData()) {
            routeHere(frame);
        } else {
            handleResult(frame);
        }
    }

    /** Runs the ingest route for one frame (raw or decoded) on this thread; its steps do not block. */
    private void routeHere(Object frame) {
        Exchange exchange = createExchange(false);
        exchange.getMessage().setBody(frame);
        try {
            // not processExchange(): the stock one hands the exchange to a worker
            createUoW(exchange);
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing a stream frame", exchange, exchange.getException());
            }
        } catch (Exception e) {
            getExceptionHandler().handleException("Error processing a stream frame", exchange, e);
        } finally {
            doneUoW(exchange);
            releaseExchange(exchange, false);
        }
    }
}
