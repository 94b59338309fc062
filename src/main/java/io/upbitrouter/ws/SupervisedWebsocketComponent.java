package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;

import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponentConfigurer;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;

/**
 * camel-vertx-websocket with its client connection handed to a {@link StreamSupervisor}. Everything else is the
 * stock component: URI syntax and options, the Vert.x HTTP client, frame delivery ({@code byte[]} for binary and
 * {@code String} for text frames, processed on Vert.x worker threads), and the producer writing on the consumer's
 * socket. What changes, through the component's own protected extension points: the consumer neither connects in
 * {@code doStart} (so the module starts with the exchange down) nor reconnects by itself (the stock fixed-interval
 * loop can open several sockets at once, CAMEL-25582), and a producer never opens a socket of its own.
 * Registered under its own scheme ({@link #SCHEME}) so a host application's {@code vertx-websocket} stays untouched.
 */
public class SupervisedWebsocketComponent extends VertxWebsocketComponent {

    /** The URI scheme this module registers the component under. */
    public static final String SCHEME = io.upbitrouter.api.UpbitRouterConstants.STREAM_COMPONENT;

    private static final PropertyConfigurer COMPONENT_OPTIONS = new VertxWebsocketComponentConfigurer();
    private static final PropertyConfigurer ENDPOINT_OPTIONS = new VertxWebsocketEndpointConfigurer();

    private final StreamSupervisor supervisor;
    private final StreamIngest ingest;

    /** Every frame to the consuming route, as the stock component delivers it. */
    public SupervisedWebsocketComponent(StreamSupervisor supervisor) {
        this(supervisor, null);
    }

    /**
     * With an ingest, the module's ingest route's consumer takes data frames itself on the socket's thread
     * ({@link SupervisedClientConsumer}); null: every frame to the route.
     */
    public SupervisedWebsocketComponent(StreamSupervisor supervisor, StreamIngest ingest) {
        this.supervisor = supervisor;
        this.ingest = ingest;
    }

    /** The stock option binding: Camel finds configurers by the @Component name, which a subclass does not inherit. */
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return COMPONENT_OPTIONS;
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return ENDPOINT_OPTIONS;
    }

    @Override
    protected VertxWebsocketEndpoint createEndpointInstance(String uri, VertxWebsocketConfiguration configuration) {
        return new SupervisedWebsocketEndpoint(uri, this, configuration, supervisor, ingest);
    }
}
