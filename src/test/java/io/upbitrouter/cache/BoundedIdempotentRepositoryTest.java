package io.upbitrouter.cache;

import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedIdempotentRepositoryTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void should_accept_a_key_once_until_it_expires() {
        BoundedIdempotentRepository repository = new BoundedIdempotentRepository(clock, 1000, Duration.ofMinutes(10));
        assertTrue(repository.add("ticker|KRW-BTC|1"));
        assertFalse(repository.add("ticker|KRW-BTC|1"));
        assertTrue(repository.contains("ticker|KRW-BTC|1"));
        clock.advance(Duration.ofMinutes(11));
        assertFalse(repository.contains("ticker|KRW-BTC|1"));
        assertTrue(repository.add("ticker|KRW-BTC|1"));
    }

    @Test
    void should_stay_within_its_size_bound() {
        BoundedIdempotentRepository repository = new BoundedIdempotentRepository(clock, 100, Duration.ofMinutes(10));
        for (int i = 0; i < 10_000; i++) {
            repository.add("k" + i);
        }
        assertTrue(repository.size() <= 100, "size " + repository.size());
    }

    @Test
    void should_admit_exactly_one_of_racing_duplicates() throws Exception {
        BoundedIdempotentRepository repository = new BoundedIdempotentRepository(clock, 100_000, Duration.ofMinutes(10));
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 5000; i++) {
                    if (repository.add("trade|KRW-BTC|" + i)) {
                        admitted.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(5000, admitted.get());
    }
}
