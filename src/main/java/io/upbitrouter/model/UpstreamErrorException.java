package io.upbitrouter.model;

/**
 * The exchange refused the request (4xx other than 429 and 418). {@link #upstreamBody()} is the
 * exchange's body as received (Upbit's error JSON, or plain text), passed on faithfully.
 */
public class UpstreamErrorException extends MarketDataException {

    private final String upstreamBody;

    public UpstreamErrorException(int status, String errorName, String message, String upstreamBody) {
        super(status, errorName, message);
        this.upstreamBody = upstreamBody;
    }

    public String upstreamBody() {
        return upstreamBody;
    }
}
