package dev.moor.compat.losant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.moor.device.Device;
import dev.moor.device.DeviceClass;
import dev.moor.shared.DomainException;
import tools.jackson.databind.JsonNode;

/**
 * A Device Post or Device Patch body (schemas.md, "Device Post" / "Device Patch"), checked as Losant's
 * JSON schema checks it: known properties only, the documented types, patterns and limits. Anything else
 * is a 400 before anything is written.
 */
record LosantDeviceBody(Optional<String> name, Optional<String> description, Optional<List<Device.KeyValue>> tags,
        Optional<List<Device.Attribute>> attributes, Optional<DeviceClass> deviceClass) {

    /** Tag keys and attribute names (schemas.md: {@code ^[0-9a-zA-Z_-]{1,255}$}). */
    private static final Pattern KEY = Pattern.compile("^[0-9a-zA-Z_-]{1,255}$");
    private static final Set<String> PROPERTIES = Set.of("name", "description", "tags", "attributes", "deviceClass");
    private static final Set<String> DATA_TYPES = Set.of("string", "number", "gps", "boolean", "blob");
    private static final Map<String, DeviceClass> CLASSES = Map.of("standalone", DeviceClass.STANDALONE,
            "gateway", DeviceClass.GATEWAY, "peripheral", DeviceClass.PERIPHERAL, "floating", DeviceClass.FLOATING,
            "edgeCompute", DeviceClass.EDGE_COMPUTE);

    /** A Device Post body: {@code name} is required. */
    static LosantDeviceBody post(JsonNode body) {
        LosantDeviceBody parsed = parse(body);
        if (parsed.name().isEmpty()) {
            throw DomainException.invalid("name is required.");
        }
        return parsed;
    }

    /** A Device Patch body: every property is optional. */
    static LosantDeviceBody patch(JsonNode body) {
        return parse(body);
    }

    static Optional<DeviceClass> deviceClass(String wire) {
        if (wire == null || wire.isEmpty()) {
            return Optional.empty();
        }
        DeviceClass deviceClass = CLASSES.get(wire);
        if (deviceClass == null) {
            throw DomainException.invalid("deviceClass must be one of standalone, gateway, peripheral, floating, edgeCompute.");
        }
        return Optional.of(deviceClass);
    }

    private static LosantDeviceBody parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw DomainException.invalid("The body must be a JSON object.");
        }
        for (String property : body.propertyNames()) {
            if (!PROPERTIES.contains(property)) {
                // gatewayId, parentId and the like: Moor has no gateway/peripheral links yet.
                throw DomainException.invalid("Moor does not support the device property " + property + ".");
            }
        }
        Optional<String> name = text(body, "name", 1, 255);
        Optional<String> description = text(body, "description", 0, 32767);
        Optional<List<Device.KeyValue>> tags = Optional.ofNullable(body.get("tags")).map(LosantDeviceBody::tags);
        Optional<List<Device.Attribute>> attributes = Optional.ofNullable(body.get("attributes")).map(LosantDeviceBody::attributes);
        Optional<DeviceClass> deviceClass = text(body, "deviceClass", 1, 64).flatMap(LosantDeviceBody::deviceClass);
        return new LosantDeviceBody(name, description, tags, attributes, deviceClass);
    }

    private static Optional<String> text(JsonNode body, String property, int min, int max) {
        JsonNode value = body.get(property);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isString() || value.asString().length() < min || value.asString().length() > max) {
            throw DomainException.invalid(property + " must be a string of " + min + " to " + max + " characters.");
        }
        return Optional.of(value.asString());
    }

    private static List<Device.KeyValue> tags(JsonNode tags) {
        if (!tags.isArray() || tags.size() > 100) {
            throw DomainException.invalid("tags must be an array of at most 100 {key, value} objects.");
        }
        List<Device.KeyValue> parsed = new ArrayList<>();
        for (JsonNode tag : tags) {
            if (!tag.isObject() || tag.size() != 2 || !tag.path("key").isString() || !tag.path("value").isString()
                    || !KEY.matcher(tag.get("key").asString()).matches()
                    || tag.get("value").asString().isEmpty() || tag.get("value").asString().length() > 255) {
                throw DomainException.invalid("Each tag needs a key of 1 to 255 letters, digits, '_' or '-', "
                        + "and a string value of 1 to 255 characters.");
            }
            parsed.add(new Device.KeyValue(tag.get("key").asString(), tag.get("value").asString()));
        }
        return parsed;
    }

    private static List<Device.Attribute> attributes(JsonNode attributes) {
        if (!attributes.isArray() || attributes.size() > 256) {
            throw DomainException.invalid("attributes must be an array of at most 256 {name, dataType} objects.");
        }
        List<Device.Attribute> parsed = new ArrayList<>();
        for (JsonNode attribute : attributes) {
            if (!attribute.isObject() || attribute.size() != 2 || !attribute.path("name").isString()
                    || !attribute.path("dataType").isString() || !KEY.matcher(attribute.get("name").asString()).matches()
                    || !DATA_TYPES.contains(attribute.get("dataType").asString())) {
                throw DomainException.invalid("Each attribute needs a name of 1 to 255 letters, digits, '_' or '-', "
                        + "and a dataType of string, number, gps, boolean or blob.");
            }
            parsed.add(new Device.Attribute(attribute.get("name").asString(), attribute.get("dataType").asString()));
        }
        return parsed;
    }
}
