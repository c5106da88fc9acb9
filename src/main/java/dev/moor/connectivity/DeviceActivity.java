package dev.moor.connectivity;

import java.util.Map;

/** Activity statistics of a device: traffic both ways, connections, time online, and refused input by reason. */
public record DeviceActivity(long deviceId, long messagesIn, long bytesIn, long messagesOut, long bytesOut,
        long connects, long uptimeSeconds, Map<String, Long> rejected) {
}
