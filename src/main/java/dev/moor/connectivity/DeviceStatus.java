package dev.moor.connectivity;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * A device's connection status. {@code connected} is true exactly while the broker holds a session of the
 * device; the other fields keep the history of its connections.
 */
public record DeviceStatus(long deviceId, boolean connected, Instant firstSeenAt, Instant lastSeenAt, Instant connectedAt,
        Instant disconnectedAt, String disconnectReason, String publicIp, String localIp, Integer rssi, String clientId,
        String protocol, long connectionCount, JsonNode info) {
}
