package dev.moor.connectivity.mqtt;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationFailedInput;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ClientInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionLostInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ServerInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.general.DisconnectedReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import dev.moor.connectivity.ActivityCounters;
import dev.moor.connectivity.PresenceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns the broker's client lifecycle into presence. A connection counts once it is authenticated; its end
 * is recorded with a reason. Presence writes run off the broker's threads and are retried while the database
 * is away; session ids make their order irrelevant (see {@link PresenceService}).
 */
@Component
class SessionListener implements ClientLifecycleEventListener {

    private static final Logger log = LoggerFactory.getLogger(SessionListener.class);

    private final PresenceService presence;
    private final Sessions sessions;
    private final DeliveryTracker deliveries;
    private final ActivityCounters activity;
    private volatile boolean running = true;

    SessionListener(PresenceService presence, Sessions sessions, DeliveryTracker deliveries, ActivityCounters activity) {
        this.activity = activity;
        this.presence = presence;
        this.sessions = sessions;
        this.deliveries = deliveries;
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        // Nothing yet: a connection is a device's only once authenticated.
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        Optional<DeviceConnection> found = DeviceConnection.of(input.getConnectionInformation().getConnectionAttributeStore());
        if (found.isEmpty()) {
            return;
        }
        DeviceConnection connection = found.get();
        sessions.register(connection).ifPresent(replaced -> {
            if (!replaced.clientId().equals(connection.clientId())) {
                // The same device under another client id: the newer connection takes over.
                Services.clientService().disconnectClient(replaced.clientId(), false,
                        DisconnectReasonCode.SESSION_TAKEN_OVER, "Another connection of this device took over");
            }
        });
        String publicIp = input.getConnectionInformation().getInetAddress().map(InetAddress::getHostAddress).orElse(null);
        String protocol = "MQTT " + input.getConnectionInformation().getMqttVersion().name().replace("V_", "").replace('_', '.');
        PresenceService.Session session = new PresenceService.Session(connection.device(), connection.uid(),
                connection.session(), connection.clientId(), protocol, publicIp, Instant.now());
        activity.connected(connection.device(), session.at());
        retrying(() -> {
            presence.connected(session);
            return true;
        }, "online", connection);
    }

    @Override
    public void onAuthenticationFailedDisconnect(AuthenticationFailedInput input) {
        // Never authenticated, never online.
    }

    @Override
    public void onConnectionLost(ConnectionLostInput input) {
        ended(input, "CONNECTION_LOST");
    }

    @Override
    public void onClientInitiatedDisconnect(ClientInitiatedDisconnectInput input) {
        ended(input, input.getReasonCode().filter(code -> code != DisconnectedReasonCode.NORMAL_DISCONNECTION)
                .map(code -> "CLIENT_" + code.name()).orElse("CLIENT_DISCONNECT"));
    }

    @Override
    public void onServerInitiatedDisconnect(ServerInitiatedDisconnectInput input) {
        ended(input, input.getReasonCode().map(Enum::name).orElse("SERVER_DISCONNECT"));
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        ended(input, input.getReasonCode().map(Enum::name).orElse("DISCONNECTED"));
    }

    /** Once the broker is stopping, its sessions are ended by the next start (as after a crash), not one by one. */
    void stopping() {
        running = false;
    }

    void starting() {
        running = true;
    }

    private void ended(DisconnectEventInput input, String reason) {
        Optional<DeviceConnection> found = DeviceConnection.of(input.getConnectionInformation().getConnectionAttributeStore());
        if (found.isEmpty()) {
            return;
        }
        DeviceConnection connection = found.get();
        deliveries.connectionClosed(connection.clientId());
        // Not the device's current connection: either a newer one replaced it (whose start records the change),
        // or it closed before it was ever accepted. Either way its end changes nothing.
        if (!sessions.unregister(connection) || !running) {
            return;
        }
        Instant at = Instant.now();
        retrying(() -> {
            presence.disconnected(connection.device(), connection.uid(), connection.session(), at, reason);
            return true;
        }, "offline", connection);
    }

    private void retrying(BooleanSupplier write, String what, DeviceConnection connection) {
        Thread.ofVirtual().start(() -> {
            long backoff = 100;
            while (running) {
                try {
                    write.getAsBoolean();
                    return;
                } catch (RuntimeException e) {
                    log.warn("Device {} not yet recorded {}, retrying: {}", connection.uid(), what, e.getMessage());
                    try {
                        Thread.sleep(Duration.ofMillis(backoff));
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    backoff = Math.min(backoff * 2, 5000);
                }
            }
        });
    }
}
