package dev.moor.compat.blynk;

import java.util.List;
import java.util.function.ToLongFunction;

import dev.moor.device.Device;
import dev.moor.device.MetafieldType;
import dev.moor.device.MetafieldValue;
import dev.moor.device.Tag;
import dev.moor.device.Template;
import dev.moor.telemetry.DatastreamLog;
import dev.moor.telemetry.DatastreamValue;
import dev.moor.telemetry.TimelineEntry;
import dev.moor.telemetry.TimelineType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moor's records as Blynk.Cloud shows them. {@code templateNumber} gives the numeric id of a template,
 * which Blynk's payloads carry as {@code templateId} (vendor-notes.md, Blynk "JSON shapes").
 */
final class BlynkMapping {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BlynkMapping() {
    }

    static BlynkDevice device(Device device, ToLongFunction<String> templateNumber) {
        long template = templateNumber.applyAsLong(device.templateId());
        return new BlynkDevice(device.id(), device.name(), template, template, device.organizationId(), device.token(),
                activatedAt(device), device.ownerUserId());
    }

    static BlynkDeviceDetails baseInfo(Device device, ToLongFunction<String> templateNumber) {
        long template = templateNumber.applyAsLong(device.templateId());
        return new BlynkDeviceDetails(device.id(), device.name(), template, template, device.organizationId(),
                device.token(), activatedAt(device), device.ownerUserId(), null, null);
    }

    static BlynkDeviceDetails details(Device device, List<BlynkDataStreamValue> values, List<MetafieldValue> metafields,
            ToLongFunction<String> templateNumber) {
        long template = templateNumber.applyAsLong(device.templateId());
        return new BlynkDeviceDetails(device.id(), device.name(), template, template, device.organizationId(),
                device.token(), activatedAt(device), device.ownerUserId(), values,
                metafields.stream().map(BlynkMapping::metaField).toList());
    }

    /** The latest values, numbered by the datastream's position in the template. */
    static List<BlynkDataStreamValue> values(List<DatastreamValue> latest, List<Template.Datastream> definitions) {
        List<String> names = definitions.stream().map(Template.Datastream::name).toList();
        return latest.stream().map(value -> {
            int position = names.indexOf(value.name());
            return new BlynkDataStreamValue(position < 0 ? null : position + 1, value.name(), value.name(), value.name(),
                    value.value(), value.updatedAt().toEpochMilli());
        }).toList();
    }

    static BlynkTimelineEvent timelineEvent(TimelineEntry entry, long orgId) {
        JsonNode data = entry.data();
        return switch (entry.type()) {
            case EVENT -> new BlynkTimelineEvent(entry.id(), orgId, eventType(data.path("level").asString("INFO")),
                    data.path("code").asString(null), data.hasNonNull("description") ? data.get("description").asString()
                            : data.path("name").asString(data.path("code").asString(null)),
                    entry.ts().toEpochMilli(), false);
            case ONLINE -> new BlynkTimelineEvent(entry.id(), orgId, "ONLINE", null, "Device is online",
                    entry.ts().toEpochMilli(), false);
            case OFFLINE -> new BlynkTimelineEvent(entry.id(), orgId, "OFFLINE", null,
                    data.hasNonNull("reason") ? "Device is offline: " + data.get("reason").asString() : "Device is offline",
                    entry.ts().toEpochMilli(), false);
            case CREATED, ACTIVATED, METADATA_CHANGED, OWNER_CHANGED, TRANSFERRED, DATA_CLEARED, DATASTREAM_WRITTEN,
                    COMMAND_QUEUED, COMMAND_SENT, COMMAND_ACKNOWLEDGED, COMMAND_FAILED, COMMAND_EXPIRED, OTA_STARTED,
                    OTA_PROGRESS, OTA_FAILED, FIRMWARE_CHANGED -> new BlynkTimelineEvent(entry.id(), orgId,
                    entry.type().name(), null, describe(entry.type()), entry.ts().toEpochMilli(), false);
        };
    }

    static BlynkLogEntry logEntry(DatastreamLog log, String triggerUserEmail) {
        return new BlynkLogEntry(triggerUserEmail, log.value(), log.name(), "VIRTUAL", "DELIVERED".equals(log.delivery()),
                log.ts().toEpochMilli());
    }

    /** Blynk's names for event levels (vendor-notes.md, Blynk "TimelineEvent": Info, Warning, Critical). */
    private static String eventType(String level) {
        return switch (level) {
            case "WARNING" -> "WARNING";
            case "CRITICAL" -> "CRITICAL";
            default -> "INFORMATION";
        };
    }

    private static String describe(TimelineType type) {
        return switch (type) {
            case CREATED -> "Device created";
            case ACTIVATED -> "Device activated";
            case METADATA_CHANGED -> "Metadata changed";
            case OWNER_CHANGED -> "Owner changed";
            case TRANSFERRED -> "Device transferred to another organization";
            case DATA_CLEARED -> "Device data cleared";
            case DATASTREAM_WRITTEN -> "Datastream value written";
            case COMMAND_QUEUED -> "Command queued";
            case COMMAND_SENT -> "Command sent";
            case COMMAND_ACKNOWLEDGED -> "Command acknowledged";
            case COMMAND_FAILED -> "Command failed";
            case COMMAND_EXPIRED -> "Command expired";
            case OTA_STARTED -> "Firmware update started";
            case OTA_PROGRESS -> "Firmware update in progress";
            case OTA_FAILED -> "Firmware update failed";
            case FIRMWARE_CHANGED -> "Firmware changed";
            case EVENT, ONLINE, OFFLINE -> type.name();
        };
    }

    static BlynkActivatedDevice activated(Device device, ToLongFunction<String> templateNumber) {
        return new BlynkActivatedDevice(device.id(), device.organizationId(), templateNumber.applyAsLong(device.templateId()),
                device.ownerUserId(), device.activatedAt().toEpochMilli());
    }

    static BlynkTag tag(Tag tag) {
        return new BlynkTag(tag.id(), tag.name(), tag.organizationId());
    }

    static BlynkMetaFieldValue metaField(MetafieldValue value) {
        return new BlynkMetaFieldValue(value.id(), value.name(), value.mandatory(), value.includeInProvision(),
                value.value() == null || value.value().isNull() ? null : typedValue(value.type(), value.value()));
    }

    /**
     * The value under Blynk's {@code type} discriminator. The names and fields are those of Blynk's
     * metafield classes (vendor-notes.md, Blynk "MetaFieldValue": Text/Number/Switch/List/Email value,
     * Coordinates lat/lon, Contact phone). Moor's PHONE becomes a Contact with only its phone; URL, for
     * which Blynk has no type, is Text.
     */
    static ObjectNode typedValue(MetafieldType type, JsonNode value) {
        ObjectNode typed = NODES.objectNode();
        return switch (type) {
            case TEXT, URL -> typed.put("type", "Text").set("value", value);
            case NUMBER -> typed.put("type", "Number").set("value", value);
            case SWITCH -> typed.put("type", "Switch").set("value", value);
            case LIST -> typed.put("type", "List").set("selectedOption", value);
            case EMAIL -> typed.put("type", "Email").set("value", value);
            case PHONE -> typed.put("type", "Contact").set("phone", value);
            case COORDINATES -> typed.put("type", "Coordinates").put("lat", value.path("lat").doubleValue())
                    .put("lon", value.path("lon").doubleValue());
        };
    }

    private static Long activatedAt(Device device) {
        return device.activatedAt() == null ? null : device.activatedAt().toEpochMilli();
    }
}
