package io.upbitrouter.bench;

/**
 * What one load run measured.
 *
 * @param requestsPerSecond completed requests per second
 * @param p50Micros         median latency
 * @param p99Micros         99th percentile latency
 * @param completed         requests completed
 * @param non2xx            responses that were not 2xx, plus socket errors
 */
public record LoadResult(double requestsPerSecond, double p50Micros, double p99Micros, long completed, long non2xx) {
}
