package dev.moor.device;

import tools.jackson.databind.JsonNode;

/** A device's value of one metafield of its template; {@code value} is null when none is set. */
public record MetafieldValue(long id, String name, MetafieldType type, boolean mandatory, boolean includeInProvision,
        JsonNode value) {
}
