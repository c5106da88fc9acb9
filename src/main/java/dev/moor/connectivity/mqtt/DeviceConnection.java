package dev.moor.connectivity.mqtt;

import java.util.Optional;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import dev.moor.device.DeviceId;

/**
 * The device behind one MQTT connection, with the session id that connection got. It is kept in the
 * connection's attribute store, so it lives and dies with the connection.
 */
record DeviceConnection(DeviceId device, String uid, String templateId, long session, String clientId) {

    private static final String KEY = "moor.device";

    void store(ConnectionAttributeStore attributes) {
        attributes.putAsString(KEY, device.value() + "\n" + uid + "\n" + templateId + "\n" + session + "\n" + clientId);
    }

    static Optional<DeviceConnection> of(ConnectionAttributeStore attributes) {
        return attributes.getAsString(KEY).map(value -> {
            String[] parts = value.split("\n", 5);
            return new DeviceConnection(new DeviceId(Long.parseLong(parts[0])), parts[1], parts[2],
                    Long.parseLong(parts[3]), parts[4]);
        });
    }

    /** The device's own topic prefix, {@code devices/{uid}/}. */
    String prefix() {
        return DeviceTopic.PREFIX + uid + "/";
    }
}
