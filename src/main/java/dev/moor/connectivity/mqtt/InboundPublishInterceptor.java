package dev.moor.connectivity.mqtt;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.services.Services;
import dev.moor.connectivity.DeviceData;
import dev.moor.connectivity.DeviceIngest;
import dev.moor.connectivity.DeviceMessageReceived;
import dev.moor.connectivity.DeviceMessages;
import dev.moor.connectivity.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Every PUBLISH of a device. The message is checked, then held (asynchronously, no broker thread waits) until
 * its data is committed; only then does the broker go on and send the PUBACK. Data that cannot be stored is
 * never acknowledged: the device is disconnected instead, and its client sends the message again.
 *
 * <p>Refused input (too large, over the rate, not JSON, invalid values) is dropped and counted; an MQTT 5
 * client gets the reason in its PUBACK.
 */
@Component
class InboundPublishInterceptor implements PublishInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(InboundPublishInterceptor.class);
    /** How long a message may wait for its commit (a database outage); past it the device is disconnected. */
    private static final Duration HOLD = Duration.ofMinutes(10);
    private static final java.util.concurrent.Executor VIRTUAL = command -> Thread.ofVirtual().start(command);

    private final DeviceMessages messages;
    private final DeviceIngest ingest;
    private final ApplicationEventPublisher events;

    InboundPublishInterceptor(DeviceMessages messages, DeviceIngest ingest, ApplicationEventPublisher events) {
        this.messages = messages;
        this.ingest = ingest;
        this.events = events;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        try {
            intercept(input, output);
        } catch (RuntimeException e) {
            // Never let the broker go on (and acknowledge) after an unexpected failure.
            log.warn("PUBLISH on {} refused after an error: {}", input.getPublishPacket().getTopic(), e.toString());
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "Not stored");
            DeviceConnection.of(input.getConnectionInformation().getConnectionAttributeStore()).ifPresent(connection ->
                    Services.clientService().disconnectClient(connection.clientId(), true,
                            DisconnectReasonCode.UNSPECIFIED_ERROR, "Message not stored, send it again"));
        }
    }

    private void intercept(PublishInboundInput input, PublishInboundOutput output) {
        Optional<DeviceConnection> found = DeviceConnection.of(input.getConnectionInformation().getConnectionAttributeStore());
        PublishPacket publish = input.getPublishPacket();
        Optional<DeviceTopic> topic = DeviceTopic.parse(publish.getTopic());
        if (found.isEmpty() || topic.isEmpty() || !topic.get().uid().equals(found.get().uid())) {
            // The broker runs interceptors before authorizers: refuse (and count) here, never store.
            found.ifPresent(connection -> messages.refused(connection.device(), Rejection.FORBIDDEN_TOPIC));
            output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, "Not one of this device's topics");
            return;
        }
        DeviceConnection connection = found.get();
        byte[] payload = bytes(publish.getPayload());
        Instant at = Instant.now();
        Optional<Rejection> refused = messages.admit(connection.device(), payload.length, at);
        if (refused.isPresent()) {
            refuse(output, refused.get());
            return;
        }
        switch (topic.get().kind()) {
            case COMMAND_ACK, OTA -> hand(connection, topic.get().subtopic(), payload, at, publish.getQos(), output);
            case TELEMETRY -> store(connection, DeviceData.Kind.TELEMETRY, null, payload, at, publish.getQos(), output);
            case TELEMETRY_VALUE -> store(connection, DeviceData.Kind.TELEMETRY, topic.get().datastream(), payload, at,
                    publish.getQos(), output);
            case INFO -> store(connection, DeviceData.Kind.INFO, null, payload, at, publish.getQos(), output);
            case EVENTS -> store(connection, DeviceData.Kind.EVENT, null, payload, at, publish.getQos(), output);
        }
    }

    private void store(DeviceConnection connection, DeviceData.Kind kind, String datastream, byte[] payload, Instant at,
            Qos qos, PublishInboundOutput output) {
        // Checking may read the device's template, so it runs off the broker's threads, like the write.
        CompletableFuture<Optional<Rejection>> stored = CompletableFuture
                .supplyAsync(() -> decodeRetrying(connection, kind, datastream, payload, at), VIRTUAL)
                .thenCompose(outcome -> switch (outcome) {
                    case DeviceMessages.Refused refused -> CompletableFuture.completedFuture(Optional.of(refused.reason()));
                    case DeviceMessages.Store store -> ingest.submit(store.data()).thenApply(done -> Optional.<Rejection>empty());
                });
        holdUntil(stored, connection, qos, output);
    }

    /** Decodes the message, waiting while the database (for the template) is unreachable. */
    private DeviceMessages.Outcome decodeRetrying(DeviceConnection connection, DeviceData.Kind kind, String datastream,
            byte[] payload, Instant at) {
        long backoff = 100;
        long deadline = System.nanoTime() + HOLD.toNanos() / 2;
        while (true) {
            try {
                return messages.decode(connection.device(), connection.uid(), connection.templateId(), kind, datastream,
                        payload, at);
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 2000);
            }
        }
    }

    /** Messages for other modules (command acks, OTA progress): acknowledged once their listeners are done. */
    private void hand(DeviceConnection connection, String subtopic, byte[] payload, Instant at, Qos qos,
            PublishInboundOutput output) {
        CompletableFuture<Optional<Rejection>> handled = CompletableFuture.supplyAsync(() -> {
            events.publishEvent(new DeviceMessageReceived(connection.device(), connection.uid(), subtopic, payload, at));
            return Optional.<Rejection>empty();
        }, VIRTUAL);
        holdUntil(handled, connection, qos, output);
    }

    /**
     * Holds the PUBLISH until {@code outcome}: stored (the broker goes on and sends the PUBACK), refused (the
     * PUBACK carries the reason), or failed (the device is disconnected first, so no PUBACK reaches it).
     */
    private void holdUntil(CompletableFuture<Optional<Rejection>> outcome, DeviceConnection connection, Qos qos,
            PublishInboundOutput output) {
        Async<PublishInboundOutput> async = output.async(HOLD, TimeoutFallback.FAILURE, AckReasonCode.UNSPECIFIED_ERROR,
                "Not stored in time");
        outcome.whenComplete((refused, failure) -> {
            if (failure == null) {
                refused.ifPresent(reason -> refuse(output, reason));
                async.resume();
                return;
            }
            output.preventPublishDelivery(AckReasonCode.QUOTA_EXCEEDED, "Not stored");
            if (qos == Qos.AT_MOST_ONCE) {
                async.resume();
                return;
            }
            // No PUBACK for data that was not stored: close the connection first, so that the client keeps the
            // message and sends it again after reconnecting.
            log.debug("Disconnecting {}: its message could not be stored ({})", connection.uid(), failure.toString());
            Services.clientService().disconnectClient(connection.clientId(), true, DisconnectReasonCode.SERVER_BUSY,
                            "Message not stored, send it again")
                    .whenComplete((disconnected, error) -> async.resume());
        });
    }

    private static void refuse(PublishInboundOutput output, Rejection reason) {
        AckReasonCode code = reason == Rejection.RATE_LIMITED || reason == Rejection.OVERLOADED
                ? AckReasonCode.QUOTA_EXCEEDED : AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
        output.preventPublishDelivery(code, reason.name());
    }

    private static byte[] bytes(Optional<ByteBuffer> payload) {
        if (payload.isEmpty()) {
            return new byte[0];
        }
        ByteBuffer buffer = payload.get().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
