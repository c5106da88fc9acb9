package dev.moor.compat.losant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.moor.device.DeviceId;
import dev.moor.organization.Application;
import dev.moor.organization.ApplicationService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.PageRequest;
import dev.moor.telemetry.TimelineEntry;
import dev.moor.telemetry.TimelineService;
import dev.moor.telemetry.TimelineType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * device.md "Get Log Entries": a device's recent connections and disconnections (Device Log schema,
 * {@code [{connected: 1|0, time, disconnectReason?}]}), from the ONLINE and OFFLINE entries that Moor's
 * presence writes to the device's timeline. Needs VIEW_TIMELINE.
 */
@RestController
@RequestMapping("/applications/{applicationId}/devices/{deviceId}")
class LosantDeviceLogController {

    /** device.md: {@code limit} defaults to 1; Moor answers at most this many. */
    private static final int MAX_LIMIT = 1000;

    private final ApplicationService applications;
    private final LosantApplicationDevices devices;
    private final TimelineService timeline;

    LosantDeviceLogController(ApplicationService applications, LosantApplicationDevices devices, TimelineService timeline) {
        this.applications = applications;
        this.devices = devices;
        this.timeline = timeline;
    }

    /** {@code limit} (1), {@code since} (ms since epoch) and {@code sortDirection} (desc), as device.md lists them. */
    @GetMapping("/logs")
    List<Map<String, Object>> logs(Caller caller, @PathVariable String applicationId, @PathVariable String deviceId,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String since,
            @RequestParam(required = false) String sortDirection) {
        caller.requireAnyScope(LosantScopes.DEVICE_GET_LOG_ENTRIES);
        Application application = applications.get(caller, applicationId);
        DeviceId id = devices.get(caller, application, deviceId).deviceId();
        long max = limit == null || limit.isEmpty() ? 1 : number(limit, "limit");
        if (max < 1 || max > MAX_LIMIT) {
            throw DomainException.invalid("limit must be between 1 and " + MAX_LIMIT + ".");
        }
        Optional<Instant> from = since == null || since.isEmpty() ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(number(since, "since")));
        boolean ascending = direction(sortDirection);
        // The newest entries of each kind are enough for a descending page; ascending or bounded by 'since'
        // needs more of the history to find the oldest ones in range.
        PageRequest page = new PageRequest(0, ascending || from.isPresent() ? MAX_LIMIT : (int) max);
        List<TimelineEntry> entries = new ArrayList<>();
        entries.addAll(timeline.page(caller, id, Optional.of("ONLINE"), page).content());
        entries.addAll(timeline.page(caller, id, Optional.of("OFFLINE"), page).content());
        Comparator<TimelineEntry> byTime = Comparator.comparing(TimelineEntry::ts).thenComparing(TimelineEntry::id);
        return entries.stream()
                .filter(entry -> from.map(start -> !entry.ts().isBefore(start)).orElse(true))
                .sorted(ascending ? byTime : byTime.reversed())
                .limit(max)
                .map(LosantDeviceLogController::logEntry)
                .toList();
    }

    private static Map<String, Object> logEntry(TimelineEntry entry) {
        Map<String, Object> item = new LinkedHashMap<>();
        boolean online = entry.type() == TimelineType.ONLINE;
        item.put("connected", online ? 1 : 0);
        item.put("time", LosantDates.format(entry.ts()));
        if (!online && entry.data() != null && entry.data().path("reason").isString()) {
            item.put("disconnectReason", entry.data().get("reason").asString());
        }
        return item;
    }

    static boolean direction(String sortDirection) {
        if (sortDirection == null || sortDirection.isEmpty() || sortDirection.equalsIgnoreCase("desc")) {
            return false;
        }
        if (sortDirection.equalsIgnoreCase("asc")) {
            return true;
        }
        throw DomainException.invalid("sortDirection must be asc or desc.");
    }

    static long number(String text, String name) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            throw DomainException.invalid(name + " must be a whole number.");
        }
    }
}
