package dev.moor.device;

import tools.jackson.databind.JsonNode;

/**
 * A metadata field that a template defines for its devices. {@code options} holds type-specific rules:
 * {@code min}/{@code max} for NUMBER, {@code values} for LIST.
 */
public record Metafield(long id, String templateId, String name, MetafieldType type, boolean mandatory,
        boolean includeInProvision, JsonNode options, JsonNode defaultValue) {
}
