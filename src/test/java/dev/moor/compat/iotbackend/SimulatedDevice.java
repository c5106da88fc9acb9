package dev.moor.compat.iotbackend;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.moor.support.Api;
import dev.moor.support.Mqtt;
import tools.jackson.databind.JsonNode;

/** A device on Moor's broker, logged in with its uid and token, that receives its commands. */
final class SimulatedDevice implements AutoCloseable {

    private final String uid;
    private final Mqtt5BlockingClient client;
    private final Mqtt5BlockingClient.Mqtt5Publishes publishes;

    private SimulatedDevice(String uid, Mqtt5BlockingClient client) {
        this.uid = uid;
        this.client = client;
        this.publishes = client.publishes(MqttGlobalPublishFilter.ALL);
    }

    /** Connects as the device ({@code uid} and {@code token} of the device JSON) and subscribes to its commands. */
    static SimulatedDevice connect(JsonNode device) {
        String uid = device.get("uid").asString();
        Mqtt5BlockingClient client = Mqtt.client(uid, device.get("token").asString());
        client.connect();
        client.subscribeWith().topicFilter("devices/" + uid + "/commands").qos(MqttQos.AT_LEAST_ONCE).send();
        return new SimulatedDevice(uid, client);
    }

    /** The next command, waiting up to 10 seconds; fails when none comes. */
    JsonNode nextCommand() throws InterruptedException {
        return pollCommand(10).orElseThrow(() -> new AssertionError("No command reached " + uid));
    }

    /** A command if one comes within a second. */
    Optional<JsonNode> pollCommand() throws InterruptedException {
        return pollCommand(1);
    }

    private Optional<JsonNode> pollCommand(int seconds) throws InterruptedException {
        Optional<Mqtt5Publish> publish = publishes.receive(seconds, TimeUnit.SECONDS);
        return publish.map(message -> Api.JSON.readTree(new String(message.getPayloadAsBytes(), StandardCharsets.UTF_8)));
    }

    /** Publishes a JSON message on one of the device's own topics, {@code devices/{uid}/{subtopic}}. */
    void publish(String subtopic, String json) {
        client.publishWith().topic("devices/" + uid + "/" + subtopic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(json.getBytes(StandardCharsets.UTF_8)).send();
    }

    @Override
    public void close() {
        publishes.close();
        client.disconnect();
    }
}
