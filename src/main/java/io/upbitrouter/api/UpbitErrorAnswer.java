package io.upbitrouter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.model.MarketDataException;
import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.model.UpstreamErrorException;
import io.upbitrouter.model.UpstreamUnavailableException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * An error as the facade answers it: Upbit's error JSON {@code {"error":{"name":...,"message":...}}}
 * with the status of the {@link MarketDataException}, plus {@code Retry-After} (whole seconds, at
 * least 1) for 429 and for 503 with a known ban length. An upstream refusal (404 for an unknown
 * market ...) is passed on with the exchange's own body when that body is Upbit's error JSON.
 *
 * @param status     HTTP status
 * @param body       the JSON body
 * @param retryAfter seconds for {@code Retry-After}, or null for none
 */
public record UpbitErrorAnswer(int status, String body, String retryAfter) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answer for any failure a data route can meet. */
    public static UpbitErrorAnswer of(Throwable failure) {
        MarketDataException error = asMarketDataException(failure);
        String retryAfter = null;
        if (error instanceof RateLimitedException limited) {
            retryAfter = seconds(limited.retryAfterMillis());
        } else if (error instanceof UpstreamUnavailableException unavailable && unavailable.retryAfterMillis() > 0) {
            retryAfter = seconds(unavailable.retryAfterMillis());
        }
        String body = null;
        if (error instanceof UpstreamErrorException upstream && isUpbitError(upstream.upstreamBody())) {
            body = upstream.upstreamBody();
        }
        if (body == null) {
            body = errorJson(error.errorName(), clientMessage(error));
        }
        return new UpbitErrorAnswer(error.httpStatus(), body, retryAfter);
    }

    /**
     * What a client reads about a failure. Refusals (4xx) and bans are worded by this module and name only the
     * client's own input; any other 5xx gets a fixed sentence per name, since its message may carry an exception
     * class, the upstream host or port (those go to the log, see {@link UpbitFacadeErrors}).
     */
    static String clientMessage(MarketDataException error) {
        if (error.httpStatus() < 500 || "upstream_banned".equals(error.errorName())) {
            return error.getMessage();
        }
        return switch (error.errorName()) {
            case "upstream_unavailable", "upstream_unreachable" ->
                    "the exchange could not be reached or did not answer in time; try again later";
            case "upstream_timeout" -> "the exchange did not answer within the request's deadline; try again later";
            case "upstream_unexpected" -> "the exchange answered with something this proxy cannot read";
            case "interrupted" -> "the proxy was interrupted while answering (shutting down?); try again";
            default -> "the proxy failed to answer this request; its log has the details";
        };
    }

    /** The {@link MarketDataException} in a failure's cause chain, or one made for a plain failure. */
    public static MarketDataException asMarketDataException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MarketDataException error) {
                return error;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof SocketTimeoutException
                    || t instanceof IOException) {
                return new UpstreamUnavailableException("upstream_unreachable", "upstream unreachable: " + t, 0, t);
            }
        }
        String message = failure == null ? "unknown failure" : String.valueOf(failure.getMessage());
        return new MarketDataException(500, "internal_error", message, failure);
    }

    /** Upbit's error JSON for a name and message. */
    public static String errorJson(String name, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("name", name);
        error.put("message", message);
        return root.toString();
    }

    private static boolean isUpbitError(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            return JSON.readTree(body).path("error").isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static String seconds(long millis) {
        return Long.toString(Math.max(1, (millis + 999) / 1000));
    }
}
