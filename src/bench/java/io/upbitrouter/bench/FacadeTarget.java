package io.upbitrouter.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The module's HTTP facade ({@code GET /v1/ticker?markets=...}) on the exchange simulator, with the
 * asked ticker kept fresh in the realtime cache by live trades: the HTTP figure's subject.
 */
final class FacadeTarget implements HttpBench.Target {

    private final SimulatedModule exchange;
    private final String pathAndQuery;
    private final byte[] body;
    private final String contentType;
    private final String source;

    private FacadeTarget(SimulatedModule exchange, String pathAndQuery, byte[] body, String contentType, String source) {
        this.exchange = exchange;
        this.pathAndQuery = pathAndQuery;
        this.body = body;
        this.contentType = contentType;
        this.source = source;
    }

    static FacadeTarget start() throws Exception {
        SimulatedModule exchange = SimulatedModule.start(5, 5, true, Map.of());
        try {
            String symbol = exchange.markets().get(0);
            exchange.warmTickers(List.of(symbol), 30_000);
            String path = HttpBench.PATH + "?markets=" + symbol;
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exchange.httpPort + path))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("facade answered " + response.statusCode() + ": " + new String(response.body()));
            }
            String source = response.headers().firstValue("X-Data-Source").orElse("?");
            System.out.println("[http] facade answer from: " + source + ", reason "
                    + response.headers().firstValue("X-Routing-Reason").orElse("?"));
            return new FacadeTarget(exchange, path, response.body(),
                    response.headers().firstValue("content-type").orElse("application/json"), source);
        } catch (Exception | Error e) {
            exchange.close();
            throw e;
        }
    }

    byte[] sampleBody() {
        return body;
    }

    String contentType() {
        return contentType;
    }

    String source() {
        return source;
    }

    /** Symbols the module answered from the stream's cache (its decision counter, which every answer passes). */
    @Override
    public long cacheAnswers() {
        return exchange.module.bean(io.upbitrouter.api.UpbitRouterConstants.BEAN_DECISION_COUNTER,
                io.upbitrouter.routing.RoutingDecisionCounter.class).count(io.upbitrouter.model.DataSource.WEBSOCKET_CACHE);
    }

    @Override
    public String name() {
        return "module HTTP facade /v1/ticker";
    }

    @Override
    public int port() {
        return exchange.httpPort;
    }

    @Override
    public String pathAndQuery() {
        return pathAndQuery;
    }

    @Override
    public void close() {
        exchange.close();
    }
}
