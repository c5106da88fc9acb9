package dev.moor.connectivity;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.moor.device.DeviceId;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Messages per device, whatever the transport: {@code moor.mqtt.device-rate} per second on average, bursts
 * up to {@code moor.mqtt.device-burst}. Buckets live in this node's memory.
 */
@Component
class DeviceRateLimiter {

    private final ConcurrentMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final int rate;
    private final int burst;

    DeviceRateLimiter(@Value("${moor.mqtt.device-rate:100}") int rate, @Value("${moor.mqtt.device-burst:200}") int burst) {
        this.rate = rate;
        this.burst = Math.max(burst, rate);
    }

    /** Takes one message from the device's allowance; false when it is over the limit. */
    boolean tryAcquire(DeviceId device) {
        return buckets.computeIfAbsent(device.value(), key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)).build())
                .build()).tryConsume(1);
    }
}
