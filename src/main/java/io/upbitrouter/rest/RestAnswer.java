package io.upbitrouter.rest;

/**
 * A successful (2xx) answer from the exchange.
 *
 * @param status       the HTTP status
 * @param body         the body as received
 * @param remainingReq the {@code Remaining-Req} header, or null
 */
public record RestAnswer(int status, String body, String remainingReq) {
}
