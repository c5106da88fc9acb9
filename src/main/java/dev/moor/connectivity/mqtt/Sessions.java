package dev.moor.connectivity.mqtt;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.moor.device.DeviceId;
import org.springframework.stereotype.Component;

/**
 * The device connections this node holds right now: one per device. A newer connection of a device replaces
 * the older one (whatever its client id), and a client id belongs to one device at a time.
 */
@Component
class Sessions {

    private final ConcurrentMap<Long, DeviceConnection> byDevice = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> deviceByClientId = new ConcurrentHashMap<>();

    /** Registers a connection that has just been accepted; returns the one it replaces, if any. */
    Optional<DeviceConnection> register(DeviceConnection connection) {
        DeviceConnection[] replaced = new DeviceConnection[1];
        byDevice.compute(connection.device().value(), (id, current) -> {
            if (current != null && current.session() > connection.session()) {
                // An older connection whose acceptance was handled late: the newer one stays.
                replaced[0] = connection;
                return current;
            }
            replaced[0] = current;
            deviceByClientId.put(connection.clientId(), connection.device().value());
            return connection;
        });
        return Optional.ofNullable(replaced[0]).filter(old -> old.session() != connection.session());
    }

    /** Removes the connection if it is still the device's current one; true when it was. */
    boolean unregister(DeviceConnection connection) {
        boolean removed = byDevice.remove(connection.device().value(), connection);
        if (removed) {
            deviceByClientId.remove(connection.clientId(), connection.device().value());
        }
        return removed;
    }

    Optional<DeviceConnection> of(DeviceId device) {
        return Optional.ofNullable(byDevice.get(device.value()));
    }

    /** True when another device currently holds this client id here. */
    boolean clientIdHeldByOther(String clientId, DeviceId device) {
        Long holder = deviceByClientId.get(clientId);
        return holder != null && holder != device.value()
                && of(new DeviceId(holder)).filter(connection -> connection.clientId().equals(clientId)).isPresent();
    }
}
