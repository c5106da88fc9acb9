package dev.moor.device;

import java.time.Instant;
import java.util.Optional;

import dev.moor.shared.OrganizationId;
import dev.moor.shared.UserId;

/**
 * Published inside the transaction that changes a device's owner (a transfer to a new owner, the removal
 * of the owner, or a transfer to another organization, which leaves the device without one). Listeners
 * that must see only committed changes use {@code @TransactionalEventListener}.
 *
 * @param previousOwner the owner before the change, if it had one
 * @param newOwner      the owner after the change; empty when the device has none now
 * @param by            the user whose token made the change; empty for an organization-scoped token
 */
public record DeviceOwnerChanged(DeviceId device, OrganizationId organization, Optional<UserId> previousOwner,
        Optional<UserId> newOwner, Optional<UserId> by, Instant at) {
}
