package dev.moor.compat.losant;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Losant's Device schema (schemas.md, "Device"): {@code deviceId} repeats {@code id}; dates are ISO 8601
 * with milliseconds; {@code connectionInfo} is left out when the caller asked for {@code excludeConnectionInfo}.
 */
record LosantDevice(String id, String deviceId, String applicationId, String creationDate, String lastUpdated,
        String name, String description, List<Tag> tags, List<Attribute> attributes, String deviceClass,
        @JsonInclude(JsonInclude.Include.NON_NULL) ConnectionInfo connectionInfo) {

    record Tag(String key, String value) {
    }

    record Attribute(String name, String dataType) {
    }

    /** {@code connected}: 1, 0 or null (unknown), as the schema's enum has it; {@code time}: when it last changed. */
    record ConnectionInfo(Integer connected, @JsonInclude(JsonInclude.Include.NON_NULL) String time) {
    }
}
