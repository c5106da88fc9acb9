package dev.moor.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.moor.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * A device on a real MQTT connection: it subscribes to its command topic and answers on the ack topic, as
 * device firmware would.
 */
public final class SimulatedDevice implements AutoCloseable {

    private final Mqtt5BlockingClient client;
    private final String uid;
    private final Mqtt5BlockingClient.Mqtt5Publishes publishes;

    private SimulatedDevice(Mqtt5BlockingClient client, String uid) {
        this.client = client;
        this.uid = uid;
        client.connect();
        this.publishes = client.publishes(MqttGlobalPublishFilter.ALL);
        client.subscribeWith().topicFilter("devices/" + uid + "/commands").qos(MqttQos.AT_LEAST_ONCE).send();
    }

    /** Connects with the device's uid and token and subscribes to its command topic. */
    public static SimulatedDevice connect(Mqtt5BlockingClient client, JsonNode device) {
        return new SimulatedDevice(client, device.get("uid").asString());
    }

    /** The next command Moor sends, as JSON; fails when none comes within ten seconds. */
    public JsonNode nextCommand() {
        try {
            Optional<Mqtt5Publish> publish = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(publish).as("a command for " + uid).isPresent();
            assertThat(publish.get().getTopic().toString()).isEqualTo("devices/" + uid + "/commands");
            return Api.JSON.readTree(new String(publish.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void publish(String subtopic, String json) {
        client.publishWith().topic("devices/" + uid + "/" + subtopic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(json.getBytes(StandardCharsets.UTF_8)).send();
    }

    public void acknowledge(String commandId, String json) {
        publish("commands/" + commandId + "/ack", json);
    }

    @Override
    public void close() {
        publishes.close();
        if (client.getState().isConnected()) {
            client.disconnect();
        }
    }
}
