package dev.moor.compat.blynk;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * A device's metafield value (003_b4fc07689aea9168.txt, "Get device metadata fields", 200): {@code value}
 * is an object whose {@code type} property names its schema, or null when the device has no value.
 */
record BlynkMetaFieldValue(long id, String name, @JsonProperty("isMandatory") boolean isMandatory,
        boolean includeInProvision, JsonNode value) {
}
