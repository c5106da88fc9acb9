package dev.moor.connectivity;

import java.time.Instant;

import dev.moor.device.DeviceId;

/** Published when a device's MQTT session starts (also after a takeover by a new connection). */
public record DeviceConnected(DeviceId device, String uid, Instant at) {
}
