package io.upbitrouter.rest;

/**
 * How the REST path retries and waits.
 *
 * @param maxRetries         retries after the first try for 429, 5xx and timeouts (0 = no retry)
 * @param backoffBaseMillis  first back-off; doubles per retry, with jitter
 * @param backoffMaxMillis   cap of one back-off
 * @param maxBudgetWaitMillis the longest a caller waits for a send slot before a RateLimitedException
 * @param defaultBanMillis   how long a 418 stops calls when the exchange sends no {@code Retry-After}
 */
public record RestSettings(int maxRetries, long backoffBaseMillis, long backoffMaxMillis, long maxBudgetWaitMillis,
                           long defaultBanMillis) {

    public RestSettings {
        if (maxRetries < 0 || backoffBaseMillis < 0 || backoffMaxMillis < backoffBaseMillis || maxBudgetWaitMillis < 0
                || defaultBanMillis < 0) {
            throw new IllegalArgumentException("REST settings must not be negative and max back-off >= base");
        }
    }

    public static RestSettings defaults() {
        return new RestSettings(3, 200, 2000, 2000, 60_000);
    }
}
