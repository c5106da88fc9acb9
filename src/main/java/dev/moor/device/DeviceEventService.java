package dev.moor.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.Permission;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events of a device's template raised on demand: each is checked against the template, counted against
 * the device's event limit, muted outside its notification schedule, and published as
 * {@link DeviceEventRaised} for the timeline and for notification channels.
 *
 * <p>The limit ({@code moor.events.per-device-limit} per {@code moor.events.per-device-period}, by default
 * 100 a day, Blynk's limit for log events: vendor-notes.md, Blynk "Device limits") is a token bucket per
 * device in this node's memory, as the API rate limit is.
 */
@Service
public class DeviceEventService {

    private static final int MAX_TEXT = 200;

    private final DeviceService devices;
    private final TemplateService templates;
    private final ApplicationEventPublisher events;
    private final long limit;
    private final Duration period;
    private final ConcurrentMap<DeviceId, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    DeviceEventService(DeviceService devices, TemplateService templates, ApplicationEventPublisher events,
            @Value("${moor.events.per-device-limit:100}") long limit,
            @Value("${moor.events.per-device-period:24h}") Duration period) {
        this.devices = devices;
        this.templates = templates;
        this.events = events;
        this.limit = limit;
        this.period = period;
    }

    /**
     * Raises the event {@code code} of a device the caller may see. Needs ORG_DEVICES_CONTROL. Throws
     * EVENT_NOT_FOUND when the device's template has no such event, VALIDATION_FAILED for a code or
     * description over 200 characters, and RATE_LIMITED (with {@code retryAfterSeconds}) over the device's
     * event limit. Outside the event's notification schedule the event is raised muted. Returns what was
     * published.
     */
    @Transactional
    public DeviceEventRaised trigger(Caller caller, DeviceId id, String code, Optional<String> description) {
        caller.require(Permission.ORG_DEVICES_CONTROL);
        if (code == null || code.isBlank() || code.length() > MAX_TEXT) {
            throw DomainException.invalid("eventCode is required and has at most " + MAX_TEXT + " characters.");
        }
        if (description.filter(text -> text.length() > MAX_TEXT).isPresent()) {
            throw DomainException.invalid("eventDescription has at most " + MAX_TEXT + " characters.");
        }
        Device device = devices.get(caller, id);
        Template.EventDefinition event = templates.find(device.templateId()).orElseThrow().events().stream()
                .filter(definition -> definition.code().equals(code)).findFirst()
                .orElseThrow(() -> new DomainException(ErrorCode.EVENT_NOT_FOUND,
                        "Event with code " + code + " is not defined by the device's template."));
        consume(id);
        Instant now = clock.instant();
        boolean muted = event.notificationSchedule() != null && !event.notificationSchedule().allows(now);
        DeviceEventRaised raised = new DeviceEventRaised(id, event.code(), event.name(), event.level(),
                description.filter(text -> !text.isBlank()), muted, caller.userId(), now);
        events.publishEvent(raised);
        return raised;
    }

    private void consume(DeviceId id) {
        Bucket bucket = buckets.computeIfAbsent(id, device -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillIntervally(limit, period).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long retryAfterSeconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            throw new DomainException(ErrorCode.RATE_LIMITED, "Device " + id + " has raised its " + limit
                    + " events for this period of " + period + ".", Map.of("limit", limit + " events per " + period
                    + " per device", "retryAfterSeconds", retryAfterSeconds));
        }
    }
}
