package dev.moor.connectivity.mqtt;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.moor.connectivity.DeviceLink.Delivery;
import dev.moor.connectivity.PresenceService;
import dev.moor.device.DeviceId;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries a send to the node that holds the device's session, through PostgreSQL alone: a {@code NOTIFY} on
 * that node's channel asks it to publish, and a {@code NOTIFY} on the sender's channel brings the outcome back.
 * Each node {@code LISTEN}s on its own channel over one dedicated connection, reconnecting when it breaks.
 * A request that is lost (the other node stopped, or was not listening yet) ends FAILED on the sender's timeout.
 */
@Component
class NodeRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeRelay.class);

    /** NOTIFY payloads must stay under 8000 bytes; larger device payloads travel in {@code relayed_payload}. */
    private static final int INLINE_LIMIT = 4096;
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final String node;
    private final Duration timeout;
    private final ConcurrentMap<String, CompletableFuture<Delivery>> pending = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Function<Request, CompletableFuture<Delivery>> localSend;
    private volatile boolean running;

    NodeRelay(DataSource dataSource, JdbcClient jdbc, JsonMapper json, PresenceService presence, MqttProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.json = json;
        this.node = presence.node();
        // The holding node answers FAILED itself after the send timeout; the margin covers the way back.
        this.timeout = properties.sendTimeout().plusSeconds(5);
    }

    /** A send asked of this node by another one. */
    record Request(DeviceId device, String subtopic, byte[] payload) {
    }

    /** How this node publishes to a device connected here; set once by the link. */
    void serveWith(Function<Request, CompletableFuture<Delivery>> localSend) {
        this.localSend = localSend;
    }

    /** Asks {@code holder} to publish to its device; completes with that node's outcome, or FAILED on timeout. */
    CompletableFuture<Delivery> send(String holder, DeviceId device, String subtopic, byte[] payload) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<Delivery> done = new CompletableFuture<Delivery>()
                .completeOnTimeout(Delivery.FAILED, timeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.put(id, done);
        done.whenComplete((delivery, error) -> pending.remove(id));
        try {
            var message = json.createObjectNode().put("type", "send").put("id", id).put("replyTo", node)
                    .put("device", device.value()).put("subtopic", subtopic);
            if (payload.length <= INLINE_LIMIT) {
                message.put("payload", Base64.getEncoder().encodeToString(payload));
            } else {
                message.put("payloadRow", storePayload(payload));
            }
            notify(holder, message);
        } catch (RuntimeException e) {
            log.warn("Could not relay a send to node {}: {}", holder, e.toString());
            done.complete(Delivery.FAILED);
        }
        return done;
    }

    private long storePayload(byte[] payload) {
        // Rows of requests never received (their node stopped) are cleared here, an hour later.
        jdbc.sql("delete from relayed_payload where created_at < now() - interval '1 hour'").update();
        return jdbc.sql("insert into relayed_payload (payload) values (:payload) returning id")
                .param("payload", payload).query(Long.class).single();
    }

    private void notify(String node, JsonNode message) {
        jdbc.sql("select pg_notify(:channel, :message)").param("channel", channel(node))
                .param("message", json.writeValueAsString(message)).query(String.class).list();
    }

    private void received(String text) {
        JsonNode message = json.readTree(text);
        String id = message.get("id").asString();
        switch (message.get("type").asString()) {
            case "send" -> workers.execute(() -> serve(id, message));
            case "result" -> {
                CompletableFuture<Delivery> done = pending.get(id);
                if (done != null) {
                    done.complete(Delivery.valueOf(message.get("delivery").asString()));
                }
            }
            default -> log.warn("Ignoring a relay message of unknown type: {}", message.get("type"));
        }
    }

    private void serve(String id, JsonNode message) {
        String replyTo = message.get("replyTo").asString();
        CompletableFuture<Delivery> outcome;
        try {
            byte[] payload = message.has("payload") ? Base64.getDecoder().decode(message.get("payload").asString())
                    : jdbc.sql("delete from relayed_payload where id = :id returning payload")
                            .param("id", message.get("payloadRow").asLong()).query(byte[].class).single();
            outcome = localSend.apply(new Request(new DeviceId(message.get("device").asLong()),
                    message.get("subtopic").asString(), payload));
        } catch (RuntimeException e) {
            log.warn("Could not serve a relayed send: {}", e.toString());
            outcome = CompletableFuture.completedFuture(Delivery.FAILED);
        }
        outcome.exceptionally(error -> Delivery.FAILED).thenAcceptAsync(delivery -> {
            try {
                notify(replyTo, json.createObjectNode().put("type", "result").put("id", id).put("delivery", delivery.name()));
            } catch (RuntimeException e) {
                log.warn("Could not report a relayed send to node {}: {}", replyTo, e.toString());
            }
        }, workers);
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("listen \"" + channel(node) + "\"");
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        try {
                            received(notification.getParameter());
                        } catch (RuntimeException e) {
                            log.warn("Ignoring a malformed relay message: {}", e.toString());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Relay listener lost its database connection, reconnecting: {}", e.toString());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_DELAY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One channel per node; a node id is a UUID, kept to identifier characters for safe quoting. */
    private static String channel(String node) {
        return "moor_node_" + node.toLowerCase().replaceAll("[^a-z0-9]", "_");
    }

    @Override
    public void start() {
        running = true;
        Thread.ofVirtual().name("moor-node-relay").start(this::listen);
    }

    @Override
    public void stop() {
        // The listener notices within a second (its poll timeout) and ends.
        running = false;
        pending.values().forEach(done -> done.complete(Delivery.FAILED));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
