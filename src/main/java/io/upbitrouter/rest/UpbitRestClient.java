package io.upbitrouter.rest;

import io.upbitrouter.support.Backoff;
import io.upbitrouter.api.UpbitRouterConstants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upbitrouter.protocol.ExactJson;
import io.upbitrouter.model.MarketDataException;
import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.model.UpstreamErrorException;
import io.upbitrouter.model.UpstreamUnavailableException;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends one GET to the exchange through {@code direct:upbit-rest-call}, within the group's budget,
 * and turns the answer into a body or a {@link MarketDataException}:
 * <ul>
 *   <li>2xx: the body; {@code Remaining-Req} is fed back to the budget;</li>
 *   <li>429: the whole group backs off (exponential, with jitter, at least {@code Retry-After}) and the call
 *       is retried up to {@code maxRetries} times, then {@link RateLimitedException};</li>
 *   <li>418: the group is banned for {@code Retry-After} (or the configured default) and
 *       {@link UpstreamUnavailableException} says so; no call goes out on that group until then;</li>
 *   <li>5xx, timeouts and I/O errors: bounded retries with back-off, then {@link UpstreamUnavailableException};</li>
 *   <li>any other status: {@link UpstreamErrorException} carrying the exchange's body as received.</li>
 * </ul>
 * Waits (budget and back-off) happen on the calling thread, so it refuses to run on a Vert.x event loop.
 * Within a {@link RequestDeadline}, budget waits, calls and back-offs end by it: no retry starts that could not
 * finish in time, and a call still running at the deadline is abandoned (503 {@code upstream_timeout}).
 * Thread-safe.
 */
public class UpbitRestClient implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(UpbitRestClient.class);

    private final RestBudget budget;
    private final RestSettings settings;
    private final Backoff backoff;
    private final ObjectMapper mapper = ExactJson.MAPPER;
    private volatile CamelContext camelContext;
    private volatile ProducerTemplate template;

    public UpbitRestClient(RestBudget budget, RestSettings settings) {
        this.budget = budget;
        this.settings = settings;
        this.backoff = new Backoff(settings.backoffBaseMillis(), settings.backoffMaxMillis());
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    public RestSettings settings() {
        return settings;
    }

    private ProducerTemplate template() {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    if (camelContext == null) {
                        throw new IllegalStateException("UpbitRestClient has no CamelContext: bind it in the registry");
                    }
                    template = camelContext.createProducerTemplate();
                }
                t = template;
            }
        }
        return t;
    }

    public RestBudget budget() {
        return budget;
    }

    /**
     * GETs {@code path?query} on the group's budget.
     *
     * @param path  below the base URL, built from validated values only ({@code candles/minutes/1})
     * @param query already URL-encoded query ({@code market=KRW-BTC&count=200})
     */
    public RestAnswer get(RestGroup group, String path, String query) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("REST calls wait for budget and back-off: call them off the Vert.x event loop");
        }
        int attempt = 0;
        while (true) {
            long left = RequestDeadline.remainingMillis();
            if (left <= 0) {
                throw deadlinePassed(path, attempt);
            }
            RestBudget.Permit permit = budget.acquire(group, Math.min(settings.maxBudgetWaitMillis(), left));
            Exchange answer = call(group, permit, path, query, attempt, left);
            boolean lastTry = attempt >= settings.maxRetries();
            Exception failure = answer.getException();
            if (failure != null) {
                if (!isTransient(failure)) {
                    throw new UpstreamUnavailableException("upstream_unavailable",
                            "REST call to " + path + " failed: " + failure, 0, failure);
                }
                long backoff = backoff(attempt);
                if (lastTry || backoff >= RequestDeadline.remainingMillis()) {
                    throw new UpstreamUnavailableException("upstream_unavailable", "REST call to " + path
                            + " failed after " + (attempt + 1) + " tries: " + failure, 0, failure);
                }
                LOG.debug("REST {} failed ({}), retrying", path, failure.toString());
                pause(backoff);
                attempt++;
                continue;
            }
            int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
            String body = answer.getMessage().getBody(String.class);
            String remaining = answer.getMessage().getHeader("Remaining-Req", String.class);
            if (status >= 200 && status < 300) {
                return new RestAnswer(status, body, remaining);
            }
            long retryAfter = retryAfterMillis(answer.getMessage().getHeader("Retry-After", String.class));
            if (status == 429) {
                long wait = answer.getProperty(BACKOFF, 0L, Long.class);
                LOG.warn("REST group {} answered 429 (try {}), backing off {} ms", group.headerName(), attempt + 1, wait);
                if (lastTry || wait >= RequestDeadline.remainingMillis()) {
                    throw new RateLimitedException(group.headerName(), wait,
                            "the exchange answered 429 " + (attempt + 1) + " times");
                }
                attempt++;
                continue;
            }
            if (status == 418) {
                long ban = retryAfter > 0 ? retryAfter : settings.defaultBanMillis();
                LOG.error("REST group {} banned by the exchange (418) for {} ms: no calls until it ends", group.headerName(), ban);
                throw new UpstreamUnavailableException("upstream_banned", "the exchange banned REST group "
                        + group.headerName() + " (HTTP 418); no calls for " + ban + " ms", ban, null);
            }
            if (status >= 500) {
                long backoff = backoff(attempt);
                if (lastTry || backoff >= RequestDeadline.remainingMillis()) {
                    throw new UpstreamUnavailableException("upstream_unavailable", "the exchange answered HTTP " + status
                            + " " + (attempt + 1) + " times: " + abbreviate(body), 0, null);
                }
                pause(backoff);
                attempt++;
                continue;
            }
            throw upstreamError(status, body);
        }
    }

    /** Exchange property: the back-off booked for a 429 answer. */
    private static final String BACKOFF = "upbitRestBackoff";

    /**
     * One call within {@code left} ms. The budget hears of the answer ({@code Remaining-Req}, 429, 418) before the
     * permit is released, so no caller can slip in between on what the budget knew before. A call still running
     * at the deadline is left to finish on its own timeout: its permit is released (and its answer booked) then.
     */
    private Exchange call(RestGroup group, RestBudget.Permit permit, String path, String query, int attempt, long left) {
        org.apache.camel.Processor request = ex -> {
            ex.setProperty(UpbitRouterConstants.REST_PATH, path);
            ex.setProperty(UpbitRouterConstants.REST_QUERY, query);
            ex.setProperty(TRIES, attempt);
        };
        if (left == Long.MAX_VALUE) {
            Exchange answer = null;
            try {
                answer = template().send(UpbitRouterConstants.REST_CALL, request);
                book(group, answer);
                return answer;
            } finally {
                permit.release();
            }
        }
        java.util.concurrent.CompletableFuture<Exchange> future = template().asyncSend(UpbitRouterConstants.REST_CALL, request);
        Exchange answer;
        try {
            answer = future.get(left, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException late) {
            future.whenComplete((late2, error) -> {
                try {
                    if (late2 != null) {
                        book(group, late2);
                    }
                } finally {
                    permit.release();
                }
            });
            throw new UpstreamUnavailableException("upstream_timeout", "no answer from the exchange for " + path
                    + " within the request's deadline", 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.whenComplete((x, error) -> permit.release());
            throw new UpstreamUnavailableException("interrupted", "interrupted while waiting for the exchange", 0, e);
        } catch (java.util.concurrent.ExecutionException e) {
            permit.release();
            throw new UpstreamUnavailableException("upstream_unavailable", "REST call to " + path + " failed: " + e.getCause(),
                    0, e.getCause());
        }
        try {
            book(group, answer);
        } finally {
            permit.release();
        }
        return answer;
    }

    /** Tells the budget what an answer says: what is left, a 429 (back-off, lower allowance) or a 418 (ban). */
    private void book(RestGroup group, Exchange answer) {
        if (answer.getException() != null) {
            return;
        }
        budget.onRemaining(group, RemainingReq.parse(answer.getMessage().getHeader("Remaining-Req", String.class)));
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        long retryAfter = retryAfterMillis(answer.getMessage().getHeader("Retry-After", String.class));
        if (status == 429) {
            int tries = answer.getProperty(TRIES, 0, Integer.class);
            long wait = Math.max(backoff(tries), retryAfter);
            answer.setProperty(BACKOFF, wait);
            budget.onTooManyRequests(group, wait);
        } else if (status == 418) {
            budget.onBan(group, retryAfter > 0 ? retryAfter : settings.defaultBanMillis());
        }
    }

    private static final String TRIES = "upbitRestTries";

    private UpstreamUnavailableException deadlinePassed(String path, int attempt) {
        return new UpstreamUnavailableException("upstream_timeout", "the request's deadline passed before "
                + (attempt == 0 ? "calling the exchange for " + path : "try " + (attempt + 1) + " of " + path), 0, null);
    }

    /** Builds the faithful error for a refused request: name and message from Upbit's error JSON when there is one. */
    UpstreamErrorException upstreamError(int status, String body) {
        String name = "upstream_error";
        String message = "the exchange answered HTTP " + status;
        try {
            JsonNode error = body == null ? null : mapper.readTree(body).path("error");
            if (error != null && error.isObject()) {
                // name is a string ("invalid_query_payload") or a number (400): keep its text either way
                if (!error.path("name").isMissingNode() && !error.path("name").isNull()) {
                    name = error.path("name").asText();
                }
                if (error.path("message").isTextual()) {
                    message = error.path("message").asText();
                }
            } else if (body != null && !body.isBlank()) {
                message = message + ": " + abbreviate(body);
            }
        } catch (IOException | RuntimeException notJson) {
            if (body != null && !body.isBlank()) {
                message = message + ": " + abbreviate(body);
            }
        }
        return new UpstreamErrorException(status, name, message, body);
    }

    private long backoff(int attempt) {
        return backoff.delayMillis(attempt, ThreadLocalRandom.current());
    }

    static long retryAfterMillis(String header) {
        if (header == null) {
            return 0;
        }
        try {
            double seconds = Double.parseDouble(header.trim());
            return seconds > 0 ? (long) Math.ceil(seconds * 1000) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException("interrupted", "interrupted while waiting to call the exchange", 0, e);
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
