package dev.moor.telemetry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.moor.connectivity.DeviceConnected;
import dev.moor.connectivity.DeviceDisconnected;
import dev.moor.device.DeviceActivated;
import dev.moor.device.DeviceCreated;
import dev.moor.device.DeviceEventRaised;
import dev.moor.device.DeviceId;
import dev.moor.device.DeviceOwnerChanged;
import dev.moor.device.DeviceService;
import dev.moor.device.DeviceMetadataChanged;
import dev.moor.device.DeviceTransferred;
import dev.moor.device.Template;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A device's timeline: its lifecycle (created, activated, online, offline...) and activity (events, writes),
 * newest first. Entries are written in the transaction of what they record.
 */
@Service
public class TimelineService {

    private final TimelineStore store;
    private final DeviceService devices;
    private final JsonMapper json;

    TimelineService(TimelineStore store, DeviceService devices, JsonMapper json) {
        this.store = store;
        this.devices = devices;
        this.json = json;
    }

    /** Adds an entry to the device's timeline (in the caller's transaction); {@code data} becomes its data. */
    @Transactional
    public void record(DeviceId device, TimelineType type, Instant at, Map<String, ?> data) {
        store.insert(List.of(new TimelineStore.NewEntry(device, type, at, json.valueToTree(data))));
    }

    void record(List<TimelineStore.NewEntry> entries) {
        store.insert(entries);
    }

    /**
     * One page of the timeline of a device the caller may see, newest first, optionally of one type.
     * Needs VIEW_TIMELINE; an unknown type is VALIDATION_FAILED.
     */
    public Page<TimelineEntry> page(Caller caller, DeviceId id, Optional<String> eventType, PageRequest page) {
        caller.require(Permission.VIEW_TIMELINE);
        devices.get(caller, id);
        Optional<TimelineType> type = eventType.filter(value -> !value.isBlank()).map(TimelineService::type);
        return Page.of(store.page(id, type, page), store.count(id, type), page);
    }

    /**
     * As {@link #page(Caller, DeviceId, Optional, PageRequest)}, keeping only events of the given level (the
     * level of the template's event definition, recorded with each event).
     */
    public Page<TimelineEntry> page(Caller caller, DeviceId id, Optional<String> eventType, Optional<Template.EventLevel> level,
            PageRequest page) {
        caller.require(Permission.VIEW_TIMELINE);
        devices.get(caller, id);
        Optional<TimelineType> type = eventType.filter(value -> !value.isBlank()).map(TimelineService::type);
        Optional<String> levelName = level.map(Enum::name);
        return Page.of(store.page(id, type, levelName, page), store.count(id, type, levelName), page);
    }

    /** Removes a device's whole timeline, in the caller's transaction (for clearing a device's data). */
    void clear(DeviceId device) {
        store.deleteAll(device);
    }

    private static TimelineType type(String value) {
        try {
            return TimelineType.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw DomainException.invalid("eventType must be one of " + List.of(TimelineType.values()) + ".");
        }
    }

    @EventListener
    void on(DeviceCreated created) {
        record(created.device(), TimelineType.CREATED, created.at(), Map.of());
    }

    @EventListener
    void on(DeviceActivated activated) {
        record(activated.device(), TimelineType.ACTIVATED, activated.at(), Map.of());
    }

    @EventListener
    void on(DeviceConnected connected) {
        record(connected.device(), TimelineType.ONLINE, connected.at(), Map.of());
    }

    @EventListener
    void on(DeviceDisconnected disconnected) {
        record(disconnected.device(), TimelineType.OFFLINE, disconnected.at(),
                disconnected.reason() == null ? Map.of() : Map.of("reason", disconnected.reason()));
    }

    @EventListener
    void on(DeviceOwnerChanged changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        changed.previousOwner().ifPresent(owner -> data.put("previousOwnerUserId", owner.value()));
        changed.newOwner().ifPresent(owner -> data.put("newOwnerUserId", owner.value()));
        changed.by().ifPresent(user -> data.put("userId", user.value()));
        record(changed.device(), TimelineType.OWNER_CHANGED, changed.at(), data);
    }

    @EventListener
    void on(DeviceMetadataChanged changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fields", changed.fields());
        changed.by().ifPresent(user -> data.put("userId", user.value()));
        record(changed.device(), TimelineType.METADATA_CHANGED, changed.at(), data);
    }

    @EventListener
    void on(DeviceTransferred transferred) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fromOrganizationId", transferred.from().value());
        data.put("toOrganizationId", transferred.to().value());
        transferred.by().ifPresent(user -> data.put("userId", user.value()));
        record(transferred.device(), TimelineType.TRANSFERRED, transferred.at(), data);
    }

    /** An event raised by a user: recorded like a device's event, with its level, and whether it was muted. */
    @EventListener
    void on(DeviceEventRaised raised) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("code", raised.code());
        raised.description().ifPresent(description -> data.put("description", description));
        data.put("name", raised.name());
        data.put("level", raised.level().name());
        data.put("muted", raised.muted());
        raised.by().ifPresent(user -> data.put("userId", user.value()));
        record(raised.device(), TimelineType.EVENT, raised.at(), data);
    }

    JsonNode tree(Object value) {
        return json.valueToTree(value);
    }
}
