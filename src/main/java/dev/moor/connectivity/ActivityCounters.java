package dev.moor.connectivity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.moor.device.DeviceId;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Last-seen times and traffic counters, kept in memory and written to PostgreSQL in one batch per flush
 * interval, so that ingest never waits on an UPDATE per message. A counter lost in a crash costs at most one
 * interval of statistics; presence itself (online/offline) is never coalesced.
 */
@Component
public class ActivityCounters {

    private static final Logger log = LoggerFactory.getLogger(ActivityCounters.class);

    private final ConcurrentMap<Long, Counters> pending = new ConcurrentHashMap<>();
    private final PresenceStore store;
    private final MeterRegistry meters;
    private final ScheduledExecutorService flusher;

    ActivityCounters(PresenceStore store, MeterRegistry meters,
            @Value("${moor.mqtt.flush-interval:1s}") Duration interval) {
        this.store = store;
        this.meters = meters;
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("moor-activity-flush").daemon().factory());
        flusher.scheduleWithFixedDelay(this::flushQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A message of {@code bytes} came in from the device at {@code at}. */
    public void received(DeviceId device, int bytes, Instant at) {
        Counters counters = of(device);
        counters.messagesIn.increment();
        counters.bytesIn.add(bytes);
        counters.lastSeen.accumulateAndGet(at.toEpochMilli(), Math::max);
    }

    /** The broker accepted a connection of the device. Counted here, once per connection, whatever the order
     * in which presence handles its start and end. */
    public void connected(DeviceId device, Instant at) {
        Counters counters = of(device);
        counters.connects.increment();
        counters.lastSeen.accumulateAndGet(at.toEpochMilli(), Math::max);
    }

    /** A message of {@code bytes} went out to the device. */
    public void sent(DeviceId device, int bytes) {
        Counters counters = of(device);
        counters.messagesOut.increment();
        counters.bytesOut.add(bytes);
    }

    /** Something of the device was refused or dropped, for this reason. */
    public void rejected(DeviceId device, Rejection reason) {
        of(device).rejected.computeIfAbsent(reason, r -> new LongAdder()).increment();
        meters.counter("moor.device.rejected", "reason", reason.name()).increment();
    }

    /** The last-seen time not yet flushed, if any. */
    Optional<Instant> pendingLastSeen(DeviceId device) {
        Counters counters = pending.get(device.value());
        return counters == null || counters.lastSeen.get() == 0
                ? Optional.empty() : Optional.of(Instant.ofEpochMilli(counters.lastSeen.get()));
    }

    /** Counters not yet flushed, to add to the stored ones. */
    Optional<Delta> pendingDelta(DeviceId device) {
        Counters counters = pending.get(device.value());
        return counters == null ? Optional.empty() : Optional.of(counters.peek(device));
    }

    /** Writes everything counted so far. */
    public synchronized void flush() {
        List<Delta> deltas = new ArrayList<>();
        // Drained in place, not removed: an increment racing with the flush lands in the next one.
        pending.forEach((id, counters) -> counters.drain(new DeviceId(id)).ifPresent(deltas::add));
        try {
            store.flush(deltas);
        } catch (RuntimeException e) {
            // Database away: put the counts back so that they are written with the next flush.
            deltas.forEach(this::restore);
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Activity counters not flushed, will retry: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        flusher.shutdown();
        flushQuietly();
    }

    private Counters of(DeviceId device) {
        return pending.computeIfAbsent(device.value(), id -> new Counters());
    }

    private void restore(Delta delta) {
        Counters counters = of(delta.device());
        counters.messagesIn.add(delta.messagesIn());
        counters.bytesIn.add(delta.bytesIn());
        counters.messagesOut.add(delta.messagesOut());
        counters.bytesOut.add(delta.bytesOut());
        counters.connects.add(delta.connects());
        if (delta.lastSeen() != null) {
            counters.lastSeen.accumulateAndGet(delta.lastSeen().toEpochMilli(), Math::max);
        }
        delta.rejected().forEach((reason, count) ->
                counters.rejected.computeIfAbsent(Rejection.valueOf(reason), r -> new LongAdder()).add(count));
    }

    record Delta(DeviceId device, Instant lastSeen, long messagesIn, long bytesIn, long messagesOut, long bytesOut,
            long connects, Map<String, Long> rejected) {
    }

    private static final class Counters {
        final LongAdder messagesIn = new LongAdder();
        final LongAdder bytesIn = new LongAdder();
        final LongAdder messagesOut = new LongAdder();
        final LongAdder bytesOut = new LongAdder();
        final LongAdder connects = new LongAdder();
        final AtomicLong lastSeen = new AtomicLong();
        final ConcurrentMap<Rejection, LongAdder> rejected = new ConcurrentHashMap<>();

        Optional<Delta> drain(DeviceId device) {
            long seen = lastSeen.getAndSet(0);
            Map<String, Long> reasons = new TreeMap<>();
            rejected.forEach((reason, count) -> {
                long sum = count.sumThenReset();
                if (sum > 0) {
                    reasons.put(reason.name(), sum);
                }
            });
            Delta delta = new Delta(device, seen == 0 ? null : Instant.ofEpochMilli(seen), messagesIn.sumThenReset(),
                    bytesIn.sumThenReset(), messagesOut.sumThenReset(), bytesOut.sumThenReset(), connects.sumThenReset(),
                    reasons);
            boolean empty = seen == 0 && reasons.isEmpty() && delta.messagesIn() == 0 && delta.messagesOut() == 0
                    && delta.connects() == 0;
            return empty ? Optional.empty() : Optional.of(delta);
        }

        Delta peek(DeviceId device) {
            long seen = lastSeen.get();
            Map<String, Long> reasons = new TreeMap<>();
            rejected.forEach((reason, count) -> reasons.put(reason.name(), count.sum()));
            return new Delta(device, seen == 0 ? null : Instant.ofEpochMilli(seen), messagesIn.sum(), bytesIn.sum(),
                    messagesOut.sum(), bytesOut.sum(), connects.sum(), reasons);
        }
    }
}
