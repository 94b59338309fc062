package io.upbitrouter.model;

import java.util.Locale;

/**
 * How much a request prefers the stream. HIGH waits briefly for a first snapshot on a miss; NORMAL
 * takes a fresh cache entry when there is one; LOW asks for stability and always goes to REST.
 */
public enum RealtimePriority {
    HIGH, NORMAL, LOW;

    /**
     * The priority a caller wrote (a header, a parameter, a YAML value), in any case: NORMAL when absent or blank;
     * anything else is refused as the {@code priority} parameter.
     */
    public static RealtimePriority parse(String text) {
        if (text == null || text.isBlank()) {
            return NORMAL;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("priority", "unknown priority \"" + text + "\"; one of HIGH, NORMAL, LOW");
        }
    }
}
