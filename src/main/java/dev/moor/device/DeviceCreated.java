package dev.moor.device;

import java.time.Instant;

/** Published inside the transaction that creates a device. */
public record DeviceCreated(DeviceId device, String uid, Instant at) {
}
