package io.upbitrouter.kamelet;

import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.routing.RequestValidator;
import org.apache.camel.CamelContext;

import java.util.Locale;

/**
 * Builds the request of the {@code upbit-market-data-action} Kamelet from its parameters, through the module's
 * {@link RequestValidator}, so a bad parameter fails as any request does ({@code InvalidRequestException}).
 */
public final class KameletRequests {

    private KameletRequests() {
    }

    /** {@code interval} counts only for CANDLES; {@code to} is not a Kamelet parameter (latest data). */
    public static MarketDataRequest request(CamelContext context, String type, String symbols, String interval,
                                            String count, String priority) {
        RequestValidator validator = context.getRegistry().findSingleByType(RequestValidator.class);
        if (validator == null) {
            throw new IllegalStateException("the Upbit smart router is not in this CamelContext: add the module first");
        }
        boolean candles = type != null && MarketDataType.CANDLES.name().equals(type.trim().toUpperCase(Locale.ROOT));
        return validator.fromStrings(type, symbols, candles ? interval : null, count, null, priority);
    }
}
