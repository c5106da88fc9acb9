package dev.moor.connectivity.mqtt;

import java.util.Optional;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import dev.moor.connectivity.DeviceMessages;
import dev.moor.connectivity.Rejection;
import org.springframework.stereotype.Component;

/**
 * Topic ACLs: a device publishes only on its own device-to-Moor topics and subscribes only inside its own
 * {@code devices/{uid}/} tree; refusals are counted as FORBIDDEN_TOPIC. (MQTT 3 has no negative
 * PUBACK, so the broker closes an MQTT 3 connection on a refused PUBLISH; MQTT 5 gets "not authorized".)
 */
@Component
class TopicAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {

    private final DeviceMessages messages;

    TopicAuthorizer(DeviceMessages messages) {
        this.messages = messages;
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        Optional<DeviceConnection> connection = DeviceConnection.of(input.getConnectionInformation().getConnectionAttributeStore());
        if (connection.isEmpty()) {
            output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "Not a device connection");
            return;
        }
        String topic = input.getPublishPacket().getTopic();
        boolean own = DeviceTopic.parse(topic).filter(parsed -> parsed.uid().equals(connection.get().uid())).isPresent();
        if (own) {
            output.authorizeSuccessfully();
        } else {
            // Counted by the PUBLISH interceptor, which the broker calls first.
            output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "Not one of this device's topics");
        }
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        Optional<DeviceConnection> connection = DeviceConnection.of(input.getConnectionInformation().getConnectionAttributeStore());
        String filter = input.getSubscription().getTopicFilter();
        if (connection.isPresent() && DeviceTopic.maySubscribe(connection.get().uid(), filter)) {
            output.authorizeSuccessfully();
        } else {
            connection.ifPresent(device -> messages.refused(device.device(), Rejection.FORBIDDEN_TOPIC));
            output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "Not inside this device's topics");
        }
    }
}
