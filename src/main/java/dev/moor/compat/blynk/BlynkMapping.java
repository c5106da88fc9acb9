package dev.moor.compat.blynk;

import java.util.List;
import java.util.function.ToLongFunction;

import dev.moor.device.Device;
import dev.moor.device.MetafieldType;
import dev.moor.device.MetafieldValue;
import dev.moor.device.Tag;
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
                device.token(), activatedAt(device), device.ownerUserId(), null);
    }

    static BlynkDeviceDetails details(Device device, List<MetafieldValue> metafields, ToLongFunction<String> templateNumber) {
        long template = templateNumber.applyAsLong(device.templateId());
        return new BlynkDeviceDetails(device.id(), device.name(), template, template, device.organizationId(),
                device.token(), activatedAt(device), device.ownerUserId(),
                metafields.stream().map(BlynkMapping::metaField).toList());
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
