package dev.moor.connectivity;

import java.util.concurrent.CompletableFuture;

import dev.moor.device.DeviceId;

/**
 * The way out to a connected device. Connectivity knows topics and sessions, not what is being sent:
 * commands and firmware use this port without connectivity knowing of them.
 */
public interface DeviceLink {

    /** True while the broker holds a session of the device (on any node). */
    boolean isOnline(DeviceId device);

    /**
     * Publishes {@code payload} at QoS 1 on {@code devices/{uid}/{subtopic}}, through the node holding the
     * device's session when that is another node sharing the database. The future completes with
     * {@link Delivery#DELIVERED} once the device's client has acknowledged it (PUBACK),
     * {@link Delivery#NOT_CONNECTED} when the device has no session, or {@link Delivery#FAILED}.
     */
    CompletableFuture<Delivery> send(DeviceId device, String subtopic, byte[] payload);

    enum Delivery {
        DELIVERED, NOT_CONNECTED, FAILED
    }
}
