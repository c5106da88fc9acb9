package dev.moor.device;

import java.time.Instant;

import dev.moor.shared.OrganizationId;

/** Published inside the transaction that activates a device, which happens once in its life. */
public record DeviceActivated(DeviceId device, OrganizationId organization, Instant at) {
}
