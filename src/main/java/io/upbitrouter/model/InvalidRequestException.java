package io.upbitrouter.model;

/** A request refused before anything was sent upstream. The message names the field and the reason. */
public class InvalidRequestException extends MarketDataException {

    private final String field;

    public InvalidRequestException(String field, String reason) {
        super(400, "invalid_parameter", field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
