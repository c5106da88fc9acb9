package dev.moor.connectivity;

import java.time.Instant;

import dev.moor.device.DeviceId;

/** Published when a device's last MQTT session ends; {@code reason} says why (client, takeover, socket, timeout). */
public record DeviceDisconnected(DeviceId device, String uid, Instant at, String reason) {
}
