package dev.moor.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.moor.connectivity.DeviceLink;
import dev.moor.device.Device;
import dev.moor.device.DeviceId;
import dev.moor.device.DeviceService;
import dev.moor.device.Template;
import dev.moor.device.TemplateService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Datastream values of devices: the latest ones, their history, and values written by users. */
@Service
public class TelemetryService {

    private final TelemetryStore store;
    private final DeviceService devices;
    private final TemplateService templates;
    private final TimelineService timeline;
    private final DeviceLink link;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    TelemetryService(TelemetryStore store, DeviceService devices, TemplateService templates, TimelineService timeline,
            DeviceLink link, TransactionTemplate transactions, JsonMapper json) {
        this.store = store;
        this.devices = devices;
        this.templates = templates;
        this.timeline = timeline;
        this.link = link;
        this.transactions = transactions;
        this.json = json;
    }

    /** The latest value of every datastream of a device the caller may see, by name. */
    public List<DatastreamValue> latest(Caller caller, DeviceId id) {
        devices.get(caller, id);
        return store.latest(id);
    }

    /**
     * The values of one datastream in {@code [from, to)}, newest first, paged. {@code from} defaults to 24 hours
     * before {@code to}, {@code to} to now; {@code from} must be before {@code to}.
     */
    public Page<DatastreamValue.Sample> history(Caller caller, DeviceId id, String name, Instant from, Instant to,
            PageRequest page) {
        devices.get(caller, id);
        Instant end = to != null ? to : Instant.now().plusMillis(1);
        Instant start = from != null ? from : end.minusSeconds(24 * 3600);
        if (!start.isBefore(end)) {
            throw DomainException.invalid("from must be before to.");
        }
        return Page.of(store.history(id, name, start, end, page), store.countHistory(id, name, start, end), page);
    }

    /** The outcome of a user's write. */
    public record Written(String name, JsonNode value, Instant updatedAt, String delivery) {
    }

    /**
     * Writes a datastream value as a user (ORG_DEVICES_CONTROL): validated like a device's value, stored as the
     * latest value and in history, logged apart from the device's own updates, and published to the device on
     * {@code devices/{uid}/datastreams/{name}} (QoS 1). Waits up to five seconds for the device's PUBACK; the
     * log keeps the outcome.
     */
    public Written write(Caller caller, DeviceId id, String name, JsonNode value) {
        Map<String, JsonNode> one = new LinkedHashMap<>();
        one.put(name, value);
        return writeAll(caller, id, one).getFirst();
    }

    /**
     * Writes several datastream values at once, as {@link #write} writes one: all are validated before any is
     * stored (one refused value refuses them all, VALIDATION_FAILED), and they are stored together with one
     * timestamp, so that they read back as one update. Each is published to the device; the wait for the
     * PUBACKs is five seconds in all.
     */
    public List<Written> writeAll(Caller caller, DeviceId id, Map<String, JsonNode> values) {
        caller.require(Permission.ORG_DEVICES_CONTROL);
        Device device = devices.get(caller, id);
        if (values.isEmpty()) {
            throw DomainException.invalid("Give at least one datastream value.");
        }
        List<Template.Datastream> definitions = templates.find(device.templateId()).map(Template::datastreams).orElse(List.of());
        Map<String, JsonNode> checked = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            DatastreamRules.Verdict verdict = DatastreamRules.check(definitions, name, value);
            if (verdict.rejection().isPresent()) {
                throw DomainException.invalid("Value refused for datastream " + name + ": " + verdict.rejection().get() + ".");
            }
            checked.put(name, verdict.value().orElseThrow());
        });
        Instant at = Instant.now();
        Object writer = caller.userId().map(user -> (Object) user.value()).orElse("token:" + caller.tokenId());
        Map<String, Long> logIds = transactions.execute(status -> {
            store.store(checked.entrySet().stream()
                    .map(entry -> new DatastreamValue.Point(id, entry.getKey(), at, entry.getValue())).toList());
            Map<String, Long> ids = new LinkedHashMap<>();
            checked.forEach((name, stored) -> {
                timeline.record(id, TimelineType.DATASTREAM_WRITTEN, at, Map.of("name", name, "value", stored,
                        "userId", writer));
                ids.put(name, store.log(id, name, json.writeValueAsString(stored),
                        caller.userId().map(user -> user.value()).orElse(null), caller.tokenId()));
            });
            return ids;
        });
        Map<String, CompletableFuture<DeviceLink.Delivery>> sent = new LinkedHashMap<>();
        checked.forEach((name, stored) -> sent.put(name, link.send(id, "datastreams/" + name, json.writeValueAsBytes(stored))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<Written> written = new ArrayList<>();
        sent.forEach((name, future) -> {
            long logId = logIds.get(name);
            String delivery;
            try {
                delivery = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).name();
            } catch (java.util.concurrent.TimeoutException pending) {
                delivery = "PENDING";
                future.thenAccept(later -> store.logDelivery(logId, later.name()));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                delivery = DeviceLink.Delivery.FAILED.name();
            } catch (Exception e) {
                delivery = DeviceLink.Delivery.FAILED.name();
            }
            store.logDelivery(logId, delivery);
            written.add(new Written(name, checked.get(name), at, delivery));
        });
        return written;
    }

    /** The values users wrote to a device, newest first. Needs ORG_DEVICE_VIEW_ACTION_LOG. */
    public Page<DatastreamLog> logs(Caller caller, DeviceId id, PageRequest page) {
        caller.require(Permission.ORG_DEVICE_VIEW_ACTION_LOG);
        devices.get(caller, id);
        return Page.of(store.logs(id, page), store.countLogs(id), page);
    }

    /**
     * Clears a device's data (ORG_DEVICE_DATA_DELETE): its latest values, their history, the user action log
     * and the timeline, as Blynk.Cloud's "Clear device data" does (003_b4fc07689aea9168.txt). The device and
     * its settings stay. The cleared timeline starts again with one DATA_CLEARED entry, so that the clearing
     * itself is on record.
     */
    public void clear(Caller caller, DeviceId id) {
        caller.require(Permission.ORG_DEVICE_DATA_DELETE);
        devices.get(caller, id);
        transactions.executeWithoutResult(status -> {
            store.deleteAll(id);
            store.deleteLogs(id);
            timeline.clear(id);
            timeline.record(id, TimelineType.DATA_CLEARED, Instant.now(),
                    caller.userId().<Map<String, ?>>map(user -> Map.of("userId", user.value())).orElse(Map.of()));
        });
    }
}
