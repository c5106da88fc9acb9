package dev.moor.connectivity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import dev.moor.device.DeviceId;
import dev.moor.device.DeviceService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.MoorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Device presence, kept in PostgreSQL so that several nodes can share it. Each connection gets a session id
 * from a database sequence; a connect or disconnect only applies when its session id is at least the highest
 * one seen for the device, so a late disconnect of a replaced connection, or events handled out of order,
 * never show a wrong status.
 */
@Service
public class PresenceService {

    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

    private final PresenceStore store;
    private final DeviceService devices;
    private final ActivityCounters activity;
    private final ApplicationEventPublisher events;
    private final String node;

    PresenceService(PresenceStore store, DeviceService devices, ActivityCounters activity, ApplicationEventPublisher events,
            MoorProperties properties) {
        this.store = store;
        this.devices = devices;
        this.activity = activity;
        this.events = events;
        this.node = nodeId(properties.dataDir().resolve("broker").resolve("node-id"));
    }

    /** A connection of a device, as the broker accepted it. */
    public record Session(DeviceId device, String uid, long id, String clientId, String protocol, String publicIp,
            Instant at) {
    }

    /** This node's identity, stable across restarts (kept in the data dir). */
    public String node() {
        return node;
    }

    /** A new, never used session id, higher than every earlier one. */
    public long newSessionId() {
        return store.nextSessionId();
    }

    /**
     * Records that the session has started: the device is online, its first connection activates it, and
     * {@link DeviceConnected} is published. Does nothing when a newer session of the device was already seen.
     */
    @Transactional
    public boolean connected(Session session) {
        var locked = store.lock(session.device());
        if (locked.isEmpty() || session.id() <= locked.get().sessionId()) {
            return false;
        }
        long uptime = locked.get().online() ? secondsBetween(locked.get().connectedAt(), session.at()) : 0;
        store.markConnected(session.device(), session.id(), node, session.clientId(), session.protocol(),
                session.publicIp(), session.at());
        if (uptime > 0) {
            store.addUptime(session.device(), uptime);
        }
        devices.recordOnline(session.device(), session.at());
        events.publishEvent(new DeviceConnected(session.device(), session.uid(), session.at()));
        return true;
    }

    /**
     * Records that the session has ended. Applies only when it is the device's newest session; the device goes
     * offline and {@link DeviceDisconnected} is published if it was online.
     */
    @Transactional
    public boolean disconnected(DeviceId device, String uid, long sessionId, Instant at, String reason) {
        var locked = store.lock(device);
        if (locked.isEmpty() || sessionId < locked.get().sessionId()
                || sessionId == locked.get().sessionId() && !locked.get().online()) {
            return false;
        }
        boolean wasOnline = locked.get().online();
        store.markDisconnected(device, sessionId, at, reason);
        if (sessionId > locked.get().sessionId()) {
            // This session's start is handled after its end (a very short connection): it still activates the
            // device; its start will find nothing left to do.
            devices.recordOnline(device, at);
            devices.recordOffline(device);
        }
        if (wasOnline) {
            store.addUptime(device, secondsBetween(locked.get().connectedAt(), at));
            devices.recordOffline(device);
            events.publishEvent(new DeviceDisconnected(device, uid, at, reason));
        }
        return wasOnline;
    }

    /**
     * Marks offline every session this node holds according to the database: at start, those of its previous
     * run (so that after a restart no device is online until it reconnects), and at shutdown, its own. Their
     * disconnect time is the last time they were seen.
     */
    @Transactional
    public int endSessionsOfThisNode(String reason) {
        List<PresenceStore.Stale> stale = store.onlineOn(node);
        for (PresenceStore.Stale session : stale) {
            Instant at = session.lastSeenAt() != null ? session.lastSeenAt() : Instant.now();
            store.markDisconnected(session.device(), session.sessionId(), at, reason);
            store.addUptime(session.device(), secondsBetween(session.connectedAt(), at));
            devices.recordOffline(session.device());
            events.publishEvent(new DeviceDisconnected(session.device(), session.uid(), at, reason));
        }
        if (!stale.isEmpty()) {
            log.info("Marked {} device sessions offline ({})", stale.size(), reason);
        }
        return stale.size();
    }

    /** Stores what the device reports about itself; local IP and RSSI also show in its status. */
    @Transactional
    public void updateInfo(DeviceId device, JsonNode info) {
        if (!info.isObject()) {
            return;
        }
        String localIp = text(info, "localIp", "local_ip", "ip");
        JsonNode rssi = first(info, "rssi", "RSSI");
        Integer rssiValue = rssi != null && rssi.isNumber() ? rssi.asInt() : null;
        store.updateInfo(device, info, localIp, rssiValue);
    }

    /** True while the broker holds a session of the device, on any node. */
    public boolean isOnline(DeviceId device) {
        return store.isOnline(device);
    }

    /** The id of the node holding the device's session, empty while the device is offline. */
    public Optional<String> nodeHolding(DeviceId device) {
        return store.nodeHolding(device);
    }

    /**
     * The stored connection status of each given device that has ever connected, with no permission check:
     * for surfaces that already hold the devices (a page of a device list). Never-seen devices are absent.
     */
    public Map<DeviceId, DeviceStatus> statusesOf(Collection<DeviceId> devices) {
        if (devices.isEmpty()) {
            return Map.of();
        }
        Map<DeviceId, DeviceStatus> statuses = new HashMap<>();
        store.statuses(devices.stream().map(DeviceId::value).toList())
                .forEach(status -> statuses.put(new DeviceId(status.deviceId()), status));
        return statuses;
    }

    /** The connection status of a device the caller may see (DEVICE_NOT_FOUND otherwise). */
    public DeviceStatus status(Caller caller, DeviceId id) {
        devices.get(caller, id);
        DeviceStatus stored = store.status(id).orElse(new DeviceStatus(id.value(), false, null, null, null, null, null,
                null, null, null, null, null, 0, JsonNodeFactory.instance.objectNode()));
        // Last seen is flushed periodically; the newest value may still be in memory.
        Instant lastSeen = activity.pendingLastSeen(id)
                .filter(pending -> stored.lastSeenAt() == null || pending.isAfter(stored.lastSeenAt()))
                .orElse(stored.lastSeenAt());
        long connections = stored.connectionCount() + activity.pendingDelta(id).map(ActivityCounters.Delta::connects).orElse(0L);
        return new DeviceStatus(stored.deviceId(), stored.connected(), stored.firstSeenAt(), lastSeen,
                stored.connectedAt(), stored.disconnectedAt(), stored.disconnectReason(), stored.publicIp(),
                stored.localIp(), stored.rssi(), stored.clientId(), stored.protocol(), connections, stored.info());
    }

    /** Activity statistics of a device the caller may see, including what is not yet flushed. */
    public DeviceActivity activity(Caller caller, DeviceId id) {
        devices.get(caller, id);
        DeviceActivity stored = store.activity(id).orElse(new DeviceActivity(id.value(), 0, 0, 0, 0, 0, 0, Map.of()));
        var pending = activity.pendingDelta(id);
        if (pending.isEmpty()) {
            return stored;
        }
        var delta = pending.get();
        Map<String, Long> rejected = new TreeMap<>(stored.rejected());
        delta.rejected().forEach((reason, count) -> rejected.merge(reason, count, Long::sum));
        long uptime = stored.uptimeSeconds();
        return new DeviceActivity(id.value(), stored.messagesIn() + delta.messagesIn(), stored.bytesIn() + delta.bytesIn(),
                stored.messagesOut() + delta.messagesOut(), stored.bytesOut() + delta.bytesOut(),
                stored.connects() + delta.connects(), uptime, rejected);
    }

    /** The most days {@link #dailyActivity} looks back over. */
    public static final int MAX_DAILY_DAYS = 90;

    /**
     * A device's traffic per UTC day, for today and the {@code days - 1} days before it, oldest first; a day
     * without traffic counts zero. Today includes what is not yet flushed. Throws VALIDATION_FAILED unless
     * {@code days} is between 1 and {@link #MAX_DAILY_DAYS}, and DEVICE_NOT_FOUND for a device out of sight.
     */
    public List<DailyActivity> dailyActivity(Caller caller, DeviceId id, int days) {
        if (days < 1 || days > MAX_DAILY_DAYS) {
            throw DomainException.invalid("days must be between 1 and " + MAX_DAILY_DAYS + ".");
        }
        devices.get(caller, id);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = today.minusDays(days - 1L);
        Map<LocalDate, DailyActivity> stored = new HashMap<>();
        store.dailyActivity(id, from).forEach(day -> stored.put(day.day(), day));
        List<DailyActivity> result = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
            result.add(stored.getOrDefault(day, new DailyActivity(day, 0, 0, 0, 0)));
        }
        activity.pendingDelta(id).ifPresent(delta -> {
            DailyActivity last = result.removeLast();
            result.add(new DailyActivity(last.day(), last.messagesIn() + delta.messagesIn(), last.bytesIn() + delta.bytesIn(),
                    last.messagesOut() + delta.messagesOut(), last.bytesOut() + delta.bytesOut()));
        });
        return result;
    }

    private static long secondsBetween(Instant from, Instant to) {
        return from == null || to.isBefore(from) ? 0 : Duration.between(from, to).toSeconds();
    }

    private static JsonNode first(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String... names) {
        JsonNode value = first(node, names);
        return value != null && value.isString() && value.asString().length() <= 64 ? value.asString() : null;
    }

    private static String nodeId(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            String id = UUID.randomUUID().toString();
            Files.writeString(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the node id in " + file, e);
        }
    }
}
