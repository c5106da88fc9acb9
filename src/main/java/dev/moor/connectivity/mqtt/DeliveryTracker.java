package dev.moor.connectivity.mqtt;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.hivemq.extension.sdk.api.interceptor.puback.PubackInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.puback.parameter.PubackInboundInput;
import com.hivemq.extension.sdk.api.interceptor.puback.parameter.PubackInboundOutput;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import dev.moor.connectivity.ActivityCounters;
import dev.moor.connectivity.DeviceLink.Delivery;
import org.springframework.stereotype.Component;

/**
 * Ties Moor's own sends to the device's PUBACK. A send carries an internal user property with its id; when
 * the PUBLISH goes out, the id is matched to the packet identifier (and the property removed), and the
 * device's PUBACK for that packet identifier completes the send.
 */
@Component
class DeliveryTracker implements PublishOutboundInterceptor, PubackInboundInterceptor {

    static final String SEND_ID = "moor-send-id";

    private final ConcurrentMap<String, Pending> bySendId = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Pending> byPacket = new ConcurrentHashMap<>();
    private final ActivityCounters activity;

    DeliveryTracker(ActivityCounters activity) {
        this.activity = activity;
    }

    record Pending(String sendId, String clientId, dev.moor.device.DeviceId device, CompletableFuture<Delivery> done) {
    }

    void expect(Pending pending) {
        bySendId.put(pending.sendId(), pending);
        pending.done().whenComplete((delivery, error) -> {
            bySendId.remove(pending.sendId());
            byPacket.values().remove(pending);
        });
    }

    @Override
    public void onOutboundPublish(PublishOutboundInput input, PublishOutboundOutput output) {
        Optional<String> sendId = output.getPublishPacket().getUserProperties().getFirst(SEND_ID);
        String clientId = input.getClientInformation().getClientId();
        DeviceConnection.of(input.getConnectionInformation().getConnectionAttributeStore()).ifPresent(connection ->
                activity.sent(connection.device(), input.getPublishPacket().getPayload().map(payload -> payload.remaining()).orElse(0)));
        if (sendId.isEmpty()) {
            return;
        }
        output.getPublishPacket().getUserProperties().removeName(SEND_ID);
        Pending pending = bySendId.get(sendId.get());
        if (pending != null) {
            byPacket.put(clientId + "#" + input.getPublishPacket().getPacketId(), pending);
        }
    }

    @Override
    public void onInboundPuback(PubackInboundInput input, PubackInboundOutput output) {
        Pending pending = byPacket.remove(input.getClientInformation().getClientId() + "#"
                + input.getPubackPacket().getPacketIdentifier());
        if (pending != null) {
            AckReasonCode code = input.getPubackPacket().getReasonCode();
            boolean accepted = code == AckReasonCode.SUCCESS || code == AckReasonCode.NO_MATCHING_SUBSCRIBERS;
            pending.done().complete(accepted ? Delivery.DELIVERED : Delivery.FAILED);
        }
    }

    /** The connection is gone: its sends still waiting for a PUBACK have failed. */
    void connectionClosed(String clientId) {
        bySendId.values().stream().filter(pending -> pending.clientId().equals(clientId))
                .forEach(pending -> pending.done().complete(Delivery.FAILED));
    }
}
