package dev.moor.connectivity.mqtt;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import dev.moor.connectivity.PresenceService;
import dev.moor.device.Device;
import dev.moor.device.DeviceService;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * CONNECT: the password is the device token; the username is the device uid or the literal {@code device}
 * (how Blynk devices log in). A wrong, unknown or revoked token, or one of a deleted device, is refused with
 * "bad user name or password". The lookup runs off the broker's threads.
 */
@Component
class DeviceAuthenticator implements SimpleAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(DeviceAuthenticator.class);
    static final String ANY_UID = "device";

    private final DeviceService devices;
    private final PresenceService presence;
    private final Sessions sessions;
    private final ConnectionRateLimiter rateLimiter;
    private final MeterRegistry meters;

    DeviceAuthenticator(DeviceService devices, PresenceService presence, Sessions sessions,
            ConnectionRateLimiter rateLimiter, MeterRegistry meters) {
        this.devices = devices;
        this.presence = presence;
        this.sessions = sessions;
        this.rateLimiter = rateLimiter;
        this.meters = meters;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        Optional<InetAddress> address = input.getConnectionInformation().getInetAddress();
        if (address.isPresent() && !rateLimiter.tryAcquire(address.get())) {
            meters.counter("moor.mqtt.connect.refused", "reason", "RATE_LIMITED").increment();
            output.failAuthentication(ConnackReasonCode.QUOTA_EXCEEDED, "Too many connection attempts");
            return;
        }
        ConnectPacket connect = input.getConnectPacket();
        Optional<String> username = connect.getUserName();
        Optional<ByteBuffer> password = connect.getPassword();
        if (username.isEmpty() || password.isEmpty()) {
            refuse(output, "Username and password (the device token) are required");
            return;
        }
        String token = StandardCharsets.UTF_8.decode(password.get().duplicate()).toString();
        String clientId = input.getClientInformation().getClientId();
        Async<SimpleAuthOutput> async = output.async(Duration.ofSeconds(20), TimeoutFallback.FAILURE);
        Thread.ofVirtual().start(() -> {
            try {
                Optional<Device> device = devices.findByToken(token)
                        .filter(found -> username.get().equals(ANY_UID) || username.get().equals(found.uid()));
                if (device.isEmpty()) {
                    refuse(output, "Unknown device token");
                } else if (sessions.clientIdHeldByOther(clientId, device.get().deviceId())) {
                    meters.counter("moor.mqtt.connect.refused", "reason", "CLIENT_ID_IN_USE").increment();
                    output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                            "Client id in use by another device");
                } else {
                    new DeviceConnection(device.get().deviceId(), device.get().uid(), device.get().templateId(),
                            presence.newSessionId(), clientId)
                            .store(input.getConnectionInformation().getConnectionAttributeStore());
                    output.authenticateSuccessfully();
                }
            } catch (RuntimeException e) {
                log.warn("Device authentication failed: {}", e.getMessage());
                output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "Server unavailable");
            } finally {
                async.resume();
            }
        });
    }

    private void refuse(SimpleAuthOutput output, String reason) {
        meters.counter("moor.mqtt.connect.refused", "reason", "BAD_CREDENTIALS").increment();
        output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, reason);
    }
}
