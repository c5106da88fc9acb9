package dev.moor.connectivity;

import java.time.Instant;

import dev.moor.device.DeviceId;

/**
 * Published for a message on one of the device's own topics that connectivity itself does not interpret,
 * such as {@code commands/{id}/ack} or {@code ota}; {@code subtopic} is the part after {@code devices/{uid}/}.
 */
public record DeviceMessageReceived(DeviceId device, String uid, String subtopic, byte[] payload, Instant at) {
}
