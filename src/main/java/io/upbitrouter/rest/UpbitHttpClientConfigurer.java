package io.upbitrouter.rest;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Switches off the HTTP client's own retries for the exchange endpoint only: by default Apache
 * HttpClient 5 repeats a GET answered 429 or 503 and on some I/O errors, which would spend rate budget
 * behind {@link RestBudget}'s back. Retries are {@link UpbitRestClient}'s job.
 */
public class UpbitHttpClientConfigurer implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.disableAutomaticRetries();
        clientBuilder.disableRedirectHandling();
        clientBuilder.disableCookieManagement();
    }
}
