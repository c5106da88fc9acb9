package dev.moor.device;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.moor.shared.UserId;

/**
 * Published inside the transaction that changes a device's descriptive data: name, description, tags,
 * attributes, class, hardware, {@code meta} or a metafield value.
 *
 * @param fields the names of the fields the change touched, as Moor's API names them
 * @param by the user whose token made the change; empty for an organization-scoped token
 */
public record DeviceMetadataChanged(DeviceId device, List<String> fields, Optional<UserId> by, Instant at) {
}
