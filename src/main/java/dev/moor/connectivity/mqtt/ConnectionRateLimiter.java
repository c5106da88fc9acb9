package dev.moor.connectivity.mqtt;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/** Connection attempts per client address: a token bucket of {@code moor.mqtt.connect-rate} per minute. */
@Component
class ConnectionRateLimiter {

    private static final int MAX_TRACKED_ADDRESSES = 100_000;

    private final ConcurrentMap<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;

    ConnectionRateLimiter(MqttProperties properties) {
        this.perMinute = properties.connectRate();
    }

    boolean tryAcquire(InetAddress address) {
        if (buckets.size() > MAX_TRACKED_ADDRESSES) {
            // A flood of distinct addresses must not grow memory without bound; full buckets are cheap to lose.
            buckets.clear();
        }
        return buckets.computeIfAbsent(address, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build()).tryConsume(1);
    }
}
