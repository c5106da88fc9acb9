package dev.moor.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.moor.device.DeviceId;
import dev.moor.device.Template;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/rest/v1/devices/{id}")
class TelemetryController {

    private final TelemetryService telemetry;
    private final TimelineService timeline;

    TelemetryController(TelemetryService telemetry, TimelineService timeline) {
        this.telemetry = telemetry;
        this.timeline = timeline;
    }

    @GetMapping("/datastreams")
    List<DatastreamValue> latest(Caller caller, @PathVariable long id) {
        return telemetry.latest(caller, new DeviceId(id));
    }

    @GetMapping("/datastreams/{name}/history")
    Page<DatastreamValue.Sample> history(Caller caller, @PathVariable long id, @PathVariable String name,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return telemetry.history(caller, new DeviceId(id), name, instant("from", from), instant("to", to),
                PageRequest.of(page, size));
    }

    /** Body: {@code {"value": ...}}. */
    @PutMapping("/datastreams/{name}")
    TelemetryService.Written write(Caller caller, @PathVariable long id, @PathVariable String name,
            @RequestBody JsonNode body) {
        if (body == null || !body.isObject() || !body.has("value")) {
            throw DomainException.invalid("The body must be {\"value\": ...}.");
        }
        return telemetry.write(caller, new DeviceId(id), name, body.get("value"));
    }

    @DeleteMapping("/datastreams")
    ResponseEntity<Void> clear(Caller caller, @PathVariable long id) {
        telemetry.clear(caller, new DeviceId(id));
        return ResponseEntity.noContent().build();
    }

    /** {@code level} (INFO, WARNING, CRITICAL) keeps only events of that level. */
    @GetMapping("/timeline")
    Page<TimelineEntry> timeline(Caller caller, @PathVariable long id, @RequestParam(required = false) String eventType,
            @RequestParam(required = false) Template.EventLevel level, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return timeline.page(caller, new DeviceId(id), Optional.ofNullable(eventType), Optional.ofNullable(level),
                PageRequest.of(page, size));
    }

    @GetMapping("/logs")
    Page<DatastreamLog> logs(Caller caller, @PathVariable long id, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return telemetry.logs(caller, new DeviceId(id), PageRequest.of(page, size));
    }

    /** ISO-8601 instants ({@code 2026-01-31T12:00:00Z}) or epoch milliseconds. */
    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value)) : Instant.parse(value);
        } catch (RuntimeException e) {
            throw DomainException.invalid(name + " must be an ISO-8601 instant or epoch milliseconds.");
        }
    }
}
