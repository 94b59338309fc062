package io.upbitrouter.api;

import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.SymbolResult;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The extra headers the facade adds to every data answer.
 * <ul>
 *   <li>{@code X-Data-Source}: {@code websocket}, {@code rest} or {@code history-cache} when every
 *       symbol came from there, {@code mixed} otherwise.</li>
 *   <li>{@code X-Data-Age-Ms}: the age of the oldest data in the answer, in milliseconds.</li>
 *   <li>{@code X-Routing-Reason}: the rule that chose the source ({@code CACHE_FRESH} ...), or
 *       {@code mixed} when the symbols differ.</li>
 *   <li>{@code X-Data-Detail}: one entry per symbol, in the order asked:
 *       {@code KRW-BTC=websocket;age=120;reason=CACHE_FRESH, KRW-ETH=rest;age=0;reason=CACHE_MISS}.</li>
 *   <li>{@code Remaining-Req}: the upstream header of the REST call, when REST was used.</li>
 * </ul>
 * In the runnable's simulator mode every facade answer, data or error, also carries {@code X-Data-Simulated: true}
 * ({@link UpbitFacadeErrors}), so that simulated prices cannot be taken for the exchange's.
 */
public final class UpbitResponseHeaders {

    public static final String DATA_SOURCE = "X-Data-Source";
    public static final String DATA_AGE_MS = "X-Data-Age-Ms";
    public static final String ROUTING_REASON = "X-Routing-Reason";
    public static final String DATA_DETAIL = "X-Data-Detail";
    public static final String REMAINING_REQ = "Remaining-Req";
    public static final String SIMULATED = "X-Data-Simulated";
    public static final String MIXED = "mixed";

    private UpbitResponseHeaders() {
    }

    /** The headers for an answer, in a stable order. */
    public static Map<String, String> of(MarketDataResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        write(response, headers::put);
        return headers;
    }

    /**
     * Hands the headers for an answer to {@code header}, name and value, in the order {@link #of} holds them: the
     * facade's fast path writes them straight into its response.
     */
    public static void write(MarketDataResponse response, BiConsumer<String, String> header) {
        DataSource source = null;
        String reason = null;
        boolean mixedSource = false;
        boolean mixedReason = false;
        long oldest = 0;
        String remainingReq = null;
        StringBuilder detail = new StringBuilder(48 * response.results().size());
        for (SymbolResult result : response.results()) {
            String resultReason = String.valueOf(result.reason());
            if (source == null) {
                source = result.source();
                reason = resultReason;
            } else {
                mixedSource |= source != result.source();
                mixedReason |= !reason.equals(resultReason);
            }
            oldest = Math.max(oldest, result.ageMillis());
            if (result.remainingReq() != null) {
                remainingReq = result.remainingReq();
            }
            if (detail.length() > 0) {
                detail.append(", ");
            }
            detail.append(result.symbol()).append('=').append(wireName(result.source())).append(";age=")
                    .append(result.ageMillis()).append(";reason=").append(resultReason);
        }
        header.accept(DATA_SOURCE, mixedSource ? MIXED : wireName(source));
        header.accept(DATA_AGE_MS, Long.toString(oldest));
        header.accept(ROUTING_REASON, mixedReason || reason == null ? MIXED : reason);
        header.accept(DATA_DETAIL, detail.toString());
        if (remainingReq != null) {
            header.accept(REMAINING_REQ, remainingReq);
        }
    }

    private static String wireName(DataSource source) {
        return source == null ? "none" : source.wireName();
    }
}
