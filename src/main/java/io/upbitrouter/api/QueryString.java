package io.upbitrouter.api;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.upbitrouter.model.InvalidRequestException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The Upbit parameters of one facade request, read from the request's query string only: an HTTP header of
 * the same name never counts (Camel maps headers and query parameters into one header map; this does not).
 * Values are percent-decoded as UTF-8. A parameter given twice, or a value holding a control character
 * ({@code KRW-BTC%00}, a tab, a line break), is refused with a 400 naming the parameter, never cleaned up.
 */
public final class QueryString {

    private final Map<String, List<String>> parameters;

    private QueryString(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    /** Decodes a raw query string (without the {@code ?}); null or empty gives no parameters. */
    public static QueryString parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new QueryString(Map.of());
        }
        try {
            return new QueryString(new QueryStringDecoder(rawQuery, StandardCharsets.UTF_8, false).parameters());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("query", "not a valid query string (bad percent-encoding)");
        }
    }

    /** The names of the parameters given, as decoded. */
    public java.util.Set<String> names() {
        return parameters.keySet();
    }

    /** The value of a parameter, or null when the query does not have it. */
    public String get(String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidRequestException(name, "given " + values.size() + " times; give it once "
                    + "(several markets go in one comma-separated value)");
        }
        String value = values.get(0);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidRequestException(name, "contains a control character (U+"
                        + String.format("%04X", (int) c) + ")");
            }
        }
        return value;
    }
}
