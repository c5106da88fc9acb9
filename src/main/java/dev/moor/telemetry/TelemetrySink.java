package dev.moor.telemetry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.moor.connectivity.DeviceData;
import dev.moor.connectivity.DeviceDataSink;
import dev.moor.connectivity.Rejection;
import dev.moor.device.DeviceDeleted;
import dev.moor.device.Template;
import dev.moor.device.TemplateService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores device data: datastream values (latest and history) and device events (on the timeline). Values
 * are checked against the device's template before they are queued; templates are cached for a few seconds,
 * so that ingest does not read one per message.
 */
@Component
class TelemetrySink implements DeviceDataSink {

    private static final Duration TEMPLATE_CACHE = Duration.ofSeconds(5);
    private static final int MAX_EVENT_CODE = 64;
    private static final int MAX_EVENT_DESCRIPTION = 1024;

    private final TemplateService templates;
    private final TelemetryStore store;
    private final TimelineService timeline;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    TelemetrySink(TemplateService templates, TelemetryStore store, TimelineService timeline) {
        this.templates = templates;
        this.store = store;
        this.timeline = timeline;
    }

    private record Cached(List<Template.Datastream> datastreams, List<Template.EventDefinition> events, long expiresAt) {
    }

    @Override
    public Checked check(DeviceData data) {
        return switch (data.kind()) {
            case TELEMETRY -> checkValues(data);
            case EVENT -> checkEvent(data);
            case INFO -> data.payload().isObject()
                    ? new Checked(Optional.of(data), List.of()) : new Checked(Optional.empty(), List.of(Rejection.NOT_JSON));
        };
    }

    private Checked checkValues(DeviceData data) {
        List<Template.Datastream> definitions = datastreams(data.templateId());
        List<Rejection> rejected = new ArrayList<>();
        ObjectNode accepted = JsonNodeFactory.instance.objectNode();
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (data.datastream() != null) {
            values.put(data.datastream(), data.payload());
        } else {
            data.payload().properties().forEach(field -> values.put(field.getKey(), field.getValue()));
        }
        values.forEach((name, value) -> {
            DatastreamRules.Verdict verdict = DatastreamRules.check(definitions, name, value);
            verdict.value().ifPresent(ok -> accepted.set(name, ok));
            verdict.rejection().ifPresent(rejected::add);
        });
        if (accepted.isEmpty() && !values.isEmpty()) {
            return new Checked(Optional.empty(), rejected);
        }
        // Stored as an object of values whichever topic it came on.
        return new Checked(Optional.of(new DeviceData(data.device(), data.uid(), data.templateId(), data.kind(), null,
                accepted, data.at())), rejected);
    }

    private Checked checkEvent(DeviceData data) {
        JsonNode code = data.payload().get("code");
        JsonNode description = data.payload().get("description");
        boolean valid = code != null && code.isString() && !code.asString().isBlank()
                && code.asString().length() <= MAX_EVENT_CODE
                && (description == null || description.isNull()
                    || description.isString() && description.asString().length() <= MAX_EVENT_DESCRIPTION);
        return valid ? new Checked(Optional.of(data), List.of()) : new Checked(Optional.empty(), List.of(Rejection.NOT_JSON));
    }

    @Override
    public void store(List<DeviceData> batch) {
        List<DatastreamValue.Point> points = new ArrayList<>();
        List<TimelineStore.NewEntry> events = new ArrayList<>();
        for (DeviceData data : batch) {
            switch (data.kind()) {
                case TELEMETRY -> data.payload().properties().forEach(field ->
                        points.add(new DatastreamValue.Point(data.device(), field.getKey(), data.at(), field.getValue())));
                case EVENT -> {
                    ObjectNode entry = JsonNodeFactory.instance.objectNode();
                    entry.set("code", data.payload().get("code"));
                    // The level of the template's event of that code, so that the timeline can be filtered by it.
                    level(data.templateId(), data.payload().get("code").asString())
                            .ifPresent(level -> entry.put("level", level.name()));
                    JsonNode description = data.payload().get("description");
                    if (description != null && !description.isNull()) {
                        entry.set("description", description);
                    }
                    events.add(new TimelineStore.NewEntry(data.device(), TimelineType.EVENT, data.at(), entry));
                }
                case INFO -> {
                    // Kept by connectivity with the device's presence.
                }
            }
        }
        store.store(points);
        timeline.record(events);
    }

    @EventListener
    void on(DeviceDeleted deleted) {
        // History has no foreign key (it is partitioned by time): it goes with the device explicitly.
        store.deleteAll(deleted.device());
    }

    private List<Template.Datastream> datastreams(String templateId) {
        return cached(templateId).datastreams();
    }

    private Optional<Template.EventLevel> level(String templateId, String code) {
        return cached(templateId).events().stream().filter(event -> event.code().equals(code)).findFirst()
                .map(Template.EventDefinition::level);
    }

    private Cached cached(String templateId) {
        long now = System.nanoTime();
        Cached cached = cache.get(templateId);
        if (cached == null || cached.expiresAt() < now) {
            Optional<Template> template = templates.find(templateId);
            cached = new Cached(template.map(Template::datastreams).orElse(List.of()),
                    template.map(Template::events).orElse(List.of()), now + TEMPLATE_CACHE.toNanos());
            cache.put(templateId, cached);
        }
        return cached;
    }
}
