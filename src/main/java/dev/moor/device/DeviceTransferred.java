package dev.moor.device;

import java.time.Instant;
import java.util.Optional;

import dev.moor.shared.OrganizationId;
import dev.moor.shared.UserId;

/**
 * Published inside the transaction that moves a device to another organization. A {@link DeviceOwnerChanged}
 * follows when the move removed the device's owner.
 *
 * @param by the user whose token made the change; empty for an organization-scoped token
 */
public record DeviceTransferred(DeviceId device, OrganizationId from, OrganizationId to, Optional<UserId> by,
        Instant at) {
}
