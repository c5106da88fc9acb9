package dev.moor.compat.losant;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.moor.connectivity.DeviceStatus;
import dev.moor.connectivity.PresenceService;
import dev.moor.device.Device;
import dev.moor.device.DeviceId;
import org.springframework.stereotype.Component;

/**
 * Devices' {@code connectionInfo} (schemas.md, "Device": {@code connected} 1, 0 or null, and {@code time}),
 * from Moor's presence: connected while the broker holds a session of the device, and the time of the last
 * connect or, when disconnected, of the last disconnect. A device that never connected shows
 * {@code {"connected": 0}} with no time.
 */
@Component
class LosantConnectionInfo {

    private final PresenceService presence;

    LosantConnectionInfo(PresenceService presence) {
        this.presence = presence;
    }

    /** The connection info of each device, read in one query. */
    Map<DeviceId, LosantDevice.ConnectionInfo> of(Collection<Device> devices) {
        Map<DeviceId, DeviceStatus> statuses = presence.statusesOf(devices.stream().map(Device::deviceId).toList());
        return devices.stream().collect(Collectors.toMap(Device::deviceId,
                device -> info(Optional.ofNullable(statuses.get(device.deviceId())))));
    }

    LosantDevice.ConnectionInfo of(Device device) {
        return of(List.of(device)).get(device.deviceId());
    }

    private static LosantDevice.ConnectionInfo info(Optional<DeviceStatus> status) {
        if (status.isEmpty()) {
            return new LosantDevice.ConnectionInfo(0, null);
        }
        DeviceStatus known = status.get();
        Instant time = known.connected() ? known.connectedAt() : known.disconnectedAt();
        return new LosantDevice.ConnectionInfo(known.connected() ? 1 : 0, time == null ? null : LosantDates.format(time));
    }
}
