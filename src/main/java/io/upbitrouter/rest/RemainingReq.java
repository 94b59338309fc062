package io.upbitrouter.rest;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Upbit's {@code Remaining-Req} header: {@code group=ticker; min=600; sec=8}. Parsed tolerantly:
 * any order, extra spaces, a missing {@code min} (deprecated), unknown keys, unknown groups and
 * garbage all parse to whatever could be understood; nothing throws.
 *
 * @param group the group name as sent (lower case), or null when absent
 * @param sec   requests left in the current second, or empty when absent or unreadable
 * @param min   the deprecated per-minute figure, or empty
 */
public record RemainingReq(String group, OptionalInt sec, OptionalInt min) {

    /** Parses a header value; null or garbage gives a value with nothing known. */
    public static RemainingReq parse(String header) {
        String group = null;
        OptionalInt sec = OptionalInt.empty();
        OptionalInt min = OptionalInt.empty();
        if (header != null) {
            for (String part : header.split("[;,]")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = part.substring(eq + 1).trim();
                switch (key) {
                    case "group" -> group = value.isEmpty() ? null : value.toLowerCase(Locale.ROOT);
                    case "sec" -> sec = parseCount(value);
                    case "min" -> min = parseCount(value);
                    default -> {
                        // unknown keys are ignored: the exchange may add some
                    }
                }
            }
        }
        return new RemainingReq(group, sec, min);
    }

    /**
     * The budget group this header speaks for, mapped onto {@link RestGroup}, or empty for an unknown
     * or missing group ({@code default} and others are ignored rather than guessed).
     */
    public Optional<RestGroup> restGroup() {
        return RestGroup.fromHeaderName(group);
    }

    private static OptionalInt parseCount(String value) {
        try {
            int n = Integer.parseInt(value);
            return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
