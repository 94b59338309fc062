package io.upbitrouter.model;

/**
 * The exchange cannot be used right now: unreachable, timing out, answering 5xx past the retry
 * limit, or banning this IP (418). {@link #retryAfterMillis()} is the ban's remaining time, or 0.
 */
public class UpstreamUnavailableException extends MarketDataException {

    private final long retryAfterMillis;

    public UpstreamUnavailableException(String errorName, String message, long retryAfterMillis, Throwable cause) {
        super(503, errorName, message, cause);
        this.retryAfterMillis = retryAfterMillis;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
