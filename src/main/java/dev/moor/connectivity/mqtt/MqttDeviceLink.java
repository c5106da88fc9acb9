package dev.moor.connectivity.mqtt;

import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.Publish;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import dev.moor.connectivity.DeviceLink;
import dev.moor.connectivity.PresenceService;
import dev.moor.device.DeviceId;
import org.springframework.stereotype.Component;

/**
 * {@link DeviceLink} over the embedded broker: a QoS 1 PUBLISH to the device's connection on this node,
 * completed by the device's PUBACK (or FAILED after {@code moor.mqtt.send-timeout}, or when the connection
 * closes first). A device connected to another node sharing the database is reached through that node
 * ({@link NodeRelay}).
 */
@Component
class MqttDeviceLink implements DeviceLink {

    private final Sessions sessions;
    private final DeliveryTracker deliveries;
    private final Broker broker;
    private final MqttProperties properties;
    private final PresenceService presence;
    private final NodeRelay relay;

    MqttDeviceLink(Sessions sessions, DeliveryTracker deliveries, Broker broker, MqttProperties properties,
            PresenceService presence, NodeRelay relay) {
        this.presence = presence;
        this.relay = relay;
        relay.serveWith(request -> sendHere(request.device(), request.subtopic(), request.payload()));
        this.sessions = sessions;
        this.deliveries = deliveries;
        this.broker = broker;
        this.properties = properties;
    }

    @Override
    public boolean isOnline(DeviceId device) {
        // Here first (written the moment a connection is accepted), then the shared presence of every node.
        return sessions.of(device).isPresent() || presence.isOnline(device);
    }

    @Override
    public CompletableFuture<Delivery> send(DeviceId device, String subtopic, byte[] payload) {
        if (subtopic == null || subtopic.isEmpty() || subtopic.contains("+") || subtopic.contains("#")) {
            throw new IllegalArgumentException("Not a topic level: " + subtopic);
        }
        if (sessions.of(device).isEmpty()) {
            var holder = presence.nodeHolding(device).filter(node -> !node.equals(presence.node()));
            if (holder.isPresent()) {
                return relay.send(holder.get(), device, subtopic, payload);
            }
        }
        return sendHere(device, subtopic, payload);
    }

    /** Publishes to the device's connection on this node; NOT_CONNECTED when this node holds none. */
    private CompletableFuture<Delivery> sendHere(DeviceId device, String subtopic, byte[] payload) {
        var connection = sessions.of(device);
        if (connection.isEmpty() || !broker.isRunning()) {
            return CompletableFuture.completedFuture(Delivery.NOT_CONNECTED);
        }
        String clientId = connection.get().clientId();
        CompletableFuture<Delivery> done = new CompletableFuture<>();
        String sendId = UUID.randomUUID().toString();
        deliveries.expect(new DeliveryTracker.Pending(sendId, clientId, device, done));
        Publish publish = Builders.publish()
                .topic(connection.get().prefix() + subtopic)
                .qos(Qos.AT_LEAST_ONCE)
                .payload(ByteBuffer.wrap(payload))
                .userProperty(DeliveryTracker.SEND_ID, sendId)
                .build();
        Services.publishService().publishToClient(publish, clientId).whenComplete((result, error) -> {
            if (error != null) {
                done.complete(Delivery.FAILED);
            } else if (result == PublishToClientResult.NOT_SUBSCRIBED) {
                // Connected, but not listening on that topic: nothing will be delivered.
                done.complete(Delivery.FAILED);
            }
        });
        return done.completeOnTimeout(Delivery.FAILED, properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
