package dev.moor.connectivity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way device data gets stored, whatever the transport. Messages wait in a bounded queue; writer
 * threads take them in batches and store each batch in one transaction. A message's future completes only
 * after its batch has committed, which is when MQTT sends the PUBACK and HTTP answers.
 *
 * <p>While the database is unreachable a batch is retried until it is back, so nothing acknowledged is lost
 * and nothing is acknowledged early. When the queue is full, {@link #submit} refuses at once: the caller
 * applies back-pressure (MQTT disconnects a QoS 1 sender without PUBACK; HTTP answers 503).
 */
@Component
public class DeviceIngest implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeviceIngest.class);

    private final BlockingQueue<Pending> queue;
    private final DeviceDataSink sink;
    private final PresenceService presence;
    private final ActivityCounters activity;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final int batchSize;
    private final int writers;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    DeviceIngest(DeviceDataSink sink, PresenceService presence, ActivityCounters activity, TransactionTemplate transactions,
            JdbcClient jdbc, @Value("${moor.ingest.queue-capacity:20000}") int capacity,
            @Value("${moor.ingest.batch-size:500}") int batchSize, @Value("${moor.ingest.writers:2}") int writers) {
        this.sink = sink;
        this.presence = presence;
        this.activity = activity;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.writers = writers;
    }

    /** Thrown through a future when the queue is full. */
    public static final class Overloaded extends RuntimeException {
        Overloaded() {
            super("Device data ingest is saturated", null, false, false);
        }
    }

    /**
     * Validates the message against its template; counts and returns what was refused. Returns the data to
     * submit, or empty when nothing of it may be stored.
     */
    public DeviceDataSink.Checked check(DeviceData data) {
        DeviceDataSink.Checked checked = sink.check(data);
        checked.rejected().forEach(reason -> activity.rejected(data.device(), reason));
        return checked;
    }

    /**
     * Queues checked data for storage. The future completes once it is committed, or exceptionally with
     * {@link Overloaded} when the queue is full, or with the error when the data itself cannot be stored.
     */
    public CompletableFuture<Void> submit(DeviceData data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!queue.offer(new Pending(data, done))) {
            activity.rejected(data.device(), Rejection.OVERLOADED);
            done.completeExceptionally(new Overloaded());
        }
        return done;
    }

    private record Pending(DeviceData data, CompletableFuture<Void> done) {
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < writers; i++) {
            threads.add(Thread.ofPlatform().name("moor-ingest-" + i).daemon().start(this::write));
        }
    }

    @Override
    public void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the broker and stops after it, so that no accepted message finds the writers gone. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                storeUntilDone(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
                    if (!batch.isEmpty()) {
                        storeOnce(batch);
                    }
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    /** Stores the batch, retrying while the database is away; items that fail alone are failed alone. */
    private void storeUntilDone(List<Pending> batch) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                store(batch);
                batch.forEach(pending -> pending.done().complete(null));
                return;
            } catch (RuntimeException failure) {
                if (databaseReachable()) {
                    storeOneByOne(batch);
                    return;
                }
                log.warn("Database unreachable, holding {} device messages unacknowledged: {}", batch.size(),
                        failure.getMessage());
                if (!running) {
                    batch.forEach(pending -> pending.done().completeExceptionally(failure));
                    return;
                }
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 2000);
            }
        }
    }

    private void storeOnce(List<Pending> batch) {
        try {
            store(batch);
            batch.forEach(pending -> pending.done().complete(null));
        } catch (RuntimeException failure) {
            batch.forEach(pending -> pending.done().completeExceptionally(failure));
        }
    }

    private void storeOneByOne(List<Pending> batch) {
        for (Pending pending : batch) {
            try {
                store(List.of(pending));
                pending.done().complete(null);
            } catch (RuntimeException failure) {
                log.warn("Device data of {} not stored: {}", pending.data().uid(), failure.getMessage());
                pending.done().completeExceptionally(failure);
            }
        }
    }

    private void store(List<Pending> batch) {
        List<DeviceData> data = batch.stream().map(Pending::data).toList();
        transactions.executeWithoutResult(status -> {
            sink.store(data);
            for (DeviceData item : data) {
                if (item.kind() == DeviceData.Kind.INFO) {
                    presence.updateInfo(item.device(), item.payload());
                }
            }
        });
    }

    private boolean databaseReachable() {
        try {
            return jdbc.sql("select 1").query(Integer.class).single() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
