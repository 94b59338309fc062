package io.upbitrouter.rest;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.routing.RouterErrorConfiguration;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The one place a request leaves for the exchange. Every incoming header is removed first, so a
 * caller's {@code Origin} (which Upbit limits to 1 request per 10 s) or anything else never travels
 * upstream; only the method, path and query set here do. The endpoint does not throw on HTTP errors:
 * {@link UpbitRestClient} reads the status and decides. Its HTTP client has automatic retries switched
 * off ({@code upbitHttpClientConfigurer}) and bounded connect and response timeouts.
 */
public class UpbitRestRoutes extends RouteBuilder {


    @Override
    public void configure() {
        from(UpbitRouterConstants.REST_CALL).routeId(UpbitRouterConstants.REST_CALL_ROUTE_ID).routeConfigurationId(RouterErrorConfiguration.ID)
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_PATH, exchangeProperty(UpbitRouterConstants.REST_PATH))
                .setHeader(Exchange.HTTP_QUERY, exchangeProperty(UpbitRouterConstants.REST_QUERY))
                .setBody(constant(null))
                .to("{{upbit.rest.base-url:https://api.upbit.com/v1}}"
                        + "?throwExceptionOnFailure=false"
                        + "&skipRequestHeaders=true"
                        + "&httpClientConfigurer=#upbitHttpClientConfigurer"
                        + "&connectTimeout={{upbit.rest.connect-timeout-ms:3000}}"
                        + "&connectionRequestTimeout={{upbit.rest.connect-timeout-ms:3000}}"
                        + "&responseTimeout={{upbit.rest.response-timeout-ms:5000}}"
                        // the budget lets up to 10 per group (50 in all) be in flight: never queue them on the pool
                        + "&connectionsPerRoute=64&maxTotalConnections=64")
                .convertBodyTo(String.class).id("upbit-rest-response");
    }
}
