package dev.moor.device;

import java.time.Instant;

/** Published once per device, when its first connection activates it. */
public record DeviceActivated(DeviceId device, String uid, Instant at) {
}
