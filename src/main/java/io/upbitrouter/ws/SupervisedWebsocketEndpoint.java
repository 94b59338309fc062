package io.upbitrouter.ws;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocket;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;

/**
 * A vertx-websocket endpoint whose client socket is opened only by the {@link StreamSupervisor}. Producers
 * on the identical URI write on that socket and fail fast while it is closed, instead of opening another one.
 */
public class SupervisedWebsocketEndpoint extends VertxWebsocketEndpoint {

    private final StreamSupervisor supervisor;
    private final StreamIngest ingest;

    public SupervisedWebsocketEndpoint(String uri, SupervisedWebsocketComponent component,
                                       VertxWebsocketConfiguration configuration, StreamSupervisor supervisor,
                                       StreamIngest ingest) {
        super(uri, component, configuration);
        this.supervisor = supervisor;
        this.ingest = ingest;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (!getConfiguration().isConsumeAsClient()) {
            return super.createConsumer(processor);
        }
        SupervisedClientConsumer consumer = new SupervisedClientConsumer(this, processor, supervisor, ingest);
        configureConsumer(consumer);
        return consumer;
    }

    /** The supervisor's socket; never opens one (the stock endpoint would connect here on a closed socket). */
    @Override
    protected WebSocket getWebSocket() {
        WebSocket socket = supervisor.currentSocket();
        if (socket == null || socket.isClosed()) {
            throw new IllegalStateException("The Upbit stream is not connected");
        }
        return socket;
    }

    /** Same as {@link #getWebSocket()}: the stock version also replaces the consumer's exception handler. */
    @Override
    protected WebSocket getWebSocket(Exchange exchange) {
        return getWebSocket();
    }

    /**
     * Opens a new socket with the stock connect logic (client options, TLS, handshake headers), blocking up to
     * the connect timeout. Only the supervisor calls this, from its own thread, never from an event loop.
     */
    WebSocket openSocket(int connectTimeoutMillis) throws Exception {
        VertxWebsocketConfiguration configuration = getConfiguration();
        if (configuration.getClientOptions() == null) {
            HttpClientOptions options = new HttpClientOptions();
            options.setConnectTimeout(connectTimeoutMillis);
            // A close handshake the peer never answers must not keep the old socket open for long.
            options.setWebSocketClosingTimeout(Math.max(1, connectTimeoutMillis / 1000));
            configuration.setClientOptions(options);
        }
        return super.getWebSocket();
    }
}
