package io.upbitrouter.model;

/**
 * Base of every error the router reports to callers. Carries the HTTP status and the Upbit-style
 * error name the HTTP facade answers with, so that each surface reports the same fault the same way.
 */
public class MarketDataException extends RuntimeException {

    private final int httpStatus;
    private final String errorName;

    public MarketDataException(int httpStatus, String errorName, String message) {
        this(httpStatus, errorName, message, null);
    }

    public MarketDataException(int httpStatus, String errorName, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorName = errorName;
    }

    /** The HTTP status a facade should answer with: 400, 404, 429, 502, 503 ... */
    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code error.name} of Upbit's error JSON. */
    public String errorName() {
        return errorName;
    }
}
