package io.upbitrouter.ws;

import io.vertx.core.http.WebSocket;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.websocket.VertxWebsocketClientConsumer;

/**
 * The stock client consumer without its own connect and reconnect: starting it hands it to the
 * {@link StreamSupervisor}, which opens sockets and calls {@link #bind} for each. Frames are delivered
 * exactly as the stock consumer does ({@code byte[]} or {@code String} bodies on Vert.x worker threads).
 */
public class SupervisedClientConsumer extends VertxWebsocketClientConsumer {

    private final StreamSupervisor supervisor;

    public SupervisedClientConsumer(SupervisedWebsocketEndpoint endpoint, Processor processor, StreamSupervisor supervisor) {
        super(endpoint, processor);
        this.supervisor = supervisor;
    }

    @Override
    public SupervisedWebsocketEndpoint getEndpoint() {
        return (SupervisedWebsocketEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() {
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
        webSocket.binaryMessageHandler(buffer -> handleResult(buffer.getBytes()));
        webSocket.textMessageHandler(this::handleResult);
        webSocket.exceptionHandler(error -> supervisor.onSocketError(webSocket, error));
        webSocket.closeHandler(ignored -> supervisor.onClosed(webSocket));
    }

    void bind(WebSocket webSocket) {
        configureWebSocketHandlers(webSocket);
    }
}
