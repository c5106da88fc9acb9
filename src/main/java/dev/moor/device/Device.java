package dev.moor.device;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.moor.shared.OrganizationId;
import tools.jackson.databind.JsonNode;

/**
 * A device in the registry. {@code token} is its device auth token in clear: vendor APIs (Blynk) return
 * it, so it is kept encrypted rather than hashed.
 */
public record Device(long id, String uid, String name, String description, String templateId, long organizationId,
        Long ownerUserId, String token, DeviceClass deviceClass, String platform, String board, String boardVariant,
        String status, Instant activatedAt, List<KeyValue> tags, List<Attribute> attributes, JsonNode meta,
        Instant createdAt, Instant updatedAt) {

    /** A key/value tag; several tags may share a key. */
    public record KeyValue(String key, String value) {
    }

    /** A named, typed attribute the device reports (Losant's device attributes). */
    public record Attribute(String name, String dataType) {
    }

    @JsonIgnore
    public DeviceId deviceId() {
        return new DeviceId(id);
    }

    @JsonIgnore
    public OrganizationId organization() {
        return new OrganizationId(organizationId);
    }

    Device withTags(List<KeyValue> newTags) {
        return new Device(id, uid, name, description, templateId, organizationId, ownerUserId, token, deviceClass, platform,
                board, boardVariant, status, activatedAt, newTags, attributes, meta, createdAt, updatedAt);
    }
}
