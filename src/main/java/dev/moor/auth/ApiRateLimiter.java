package dev.moor.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.MoorProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

/**
 * A token bucket per API token (bucket4j). Buckets live in this node's memory: with several nodes each
 * node enforces the limit on its own share of the traffic.
 */
@Component
class ApiRateLimiter {

    private final ConcurrentMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final long requests;
    private final Duration period;

    ApiRateLimiter(MoorProperties properties) {
        this.requests = properties.api().rateLimit().requests();
        this.period = properties.api().rateLimit().period();
    }

    /** Takes one request from the token's bucket, or throws RATE_LIMITED with the limit and the wait. */
    void consume(long tokenId) {
        Bucket bucket = buckets.computeIfAbsent(tokenId, id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(requests).refillGreedy(requests, period).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long retryAfterSeconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            String limit = requests + " requests per " + describe(period) + " per API token";
            throw new DomainException(ErrorCode.RATE_LIMITED, "Rate limit exceeded: " + limit + ".",
                    Map.of("limit", limit, "retryAfterSeconds", retryAfterSeconds));
        }
    }

    private static String describe(Duration period) {
        if (period.toSeconds() % 3600 == 0) {
            return period.toHours() + "h";
        }
        if (period.toSeconds() % 60 == 0) {
            return period.toMinutes() + "m";
        }
        return period.toSeconds() + "s";
    }
}
