package io.upbitrouter.model;

/**
 * A well-formed market code the exchange does not list: answered locally, without an upstream call, with the
 * status and body Upbit itself answers ({@code 404 {"error":{"name":404,"message":"Code not found"}}}).
 */
public class UnknownMarketException extends UpstreamErrorException {

    /** Upbit's body for an unknown code, as the exchange sends it. */
    public static final String UPBIT_BODY = "{\"error\":{\"name\":404,\"message\":\"Code not found\"}}";

    private final String market;

    public UnknownMarketException(String market) {
        super(404, "404", "Code not found", UPBIT_BODY);
        this.market = market;
    }

    /** The code that is not listed. */
    public String market() {
        return market;
    }
}
