package io.upbitrouter.model;

/** The REST group has no budget left (or the exchange answered 429 past the retry limit). */
public class RateLimitedException extends MarketDataException {

    private final String group;
    private final long retryAfterMillis;

    public RateLimitedException(String group, long retryAfterMillis, String detail) {
        super(429, "too_many_requests", "rate limited on group " + group + ", retry after " + retryAfterMillis + " ms"
                + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.group = group;
        this.retryAfterMillis = retryAfterMillis;
    }

    public String group() {
        return group;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
