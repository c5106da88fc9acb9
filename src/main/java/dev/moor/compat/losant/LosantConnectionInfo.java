package dev.moor.compat.losant;

import java.util.Optional;

import dev.moor.connectivity.DeviceLink;
import dev.moor.device.Device;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A device's {@code connectionInfo} (schemas.md, "Device"). Whether it is connected comes from the broker
 * through {@link DeviceLink} when connectivity provides one, else from the registry's status; the time is
 * when the device last became active, as the registry records it. Until presence history is available the
 * time of the last disconnect is not known, so a disconnected device shows the last activation.
 */
@Component
class LosantConnectionInfo {

    private final ObjectProvider<DeviceLink> link;

    LosantConnectionInfo(ObjectProvider<DeviceLink> link) {
        this.link = link;
    }

    LosantDevice.ConnectionInfo of(Device device) {
        Optional<DeviceLink> broker = Optional.ofNullable(link.getIfAvailable());
        boolean connected = broker.map(found -> found.isOnline(device.deviceId()))
                .orElse("online".equalsIgnoreCase(device.status()));
        String time = device.activatedAt() == null ? null : LosantDates.format(device.activatedAt());
        return new LosantDevice.ConnectionInfo(connected ? 1 : 0, time);
    }
}
