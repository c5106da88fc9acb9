package dev.moor.connectivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManagerFactory;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import dev.moor.device.DeviceId;
import dev.moor.shared.MoorProperties;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.Mqtt;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;

/** Devices over MQTT, with real clients: authentication, topic ACLs, telemetry, bad input, sends to devices. */
class MqttDeviceTests extends MoorIntegrationTest {

    @Autowired
    DeviceLink link;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    MoorProperties moor;

    record TestDevice(long id, String uid, String token, String tenantToken) {
        String path() {
            return "/rest/v1/devices/" + id;
        }
    }

    private TestDevice device(Fixtures.Tenant tenant, String template) {
        JsonNode device = fixtures.device(tenant.token(), template, "Device " + Fixtures.unique());
        return new TestDevice(device.get("id").asLong(), device.get("uid").asString(), device.get("token").asString(),
                tenant.token());
    }

    private TestDevice device() {
        Fixtures.Tenant tenant = fixtures.tenant();
        return device(tenant, fixtures.template(tenant.token()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Mqtt5PubAckReasonCode publish(Mqtt5BlockingClient client, String topic, String payload) {
        try {
            Mqtt5PublishResult result = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8(payload)).send();
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
        } catch (Mqtt5PubAckException refused) {
            return refused.getMqttMessage().getReasonCode();
        }
    }

    private JsonNode stats(TestDevice device) {
        return api.get(device.path() + "/stats", device.tenantToken()).body();
    }

    @Test
    void devicesLogInWithTheirTokenAndTheirUidOrTheWordDevice() {
        TestDevice device = device();
        Mqtt5BlockingClient byUid = Mqtt.client(device.uid(), device.token());
        assertThat(byUid.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        byUid.disconnect();

        Mqtt5BlockingClient byWord = Mqtt.client("device", device.token());
        assertThat(byWord.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get(device.path() + "/status", device.tenantToken()).body().get("connected").asBoolean()).isTrue());
        byWord.disconnect();

        Mqtt3BlockingClient mqtt3 = Mqtt.client3(device.uid(), device.token());
        mqtt3.connect();
        mqtt3.disconnect();
    }

    @Test
    void wrongUnknownOrDeletedTokensAreRefused() {
        TestDevice device = device();
        TestDevice other = device();

        assertRefused(Mqtt.client(device.uid(), "not-a-token-" + Fixtures.unique()));
        assertRefused(Mqtt.client("device", "x"));
        // The token of another device does not open this one.
        assertRefused(Mqtt.client(device.uid(), other.token()));
        assertThatThrownBy(() -> Mqtt.client3(device.uid(), "wrong").connect())
                .isInstanceOfSatisfying(Mqtt3ConnAckException.class, e ->
                        assertThat(e.getMqttMessage().getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD));

        // A connected device that gets deleted is dropped, and its token no longer works.
        Mqtt5BlockingClient connected = Mqtt.client(device.uid(), device.token());
        connected.connect();
        assertThat(api.delete(device.path(), device.tenantToken()).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> !connected.getState().isConnected());
        assertRefused(Mqtt.client(device.uid(), device.token()));
        assertRefused(Mqtt.client("device", device.token()));
        assertThat(api.get(device.path() + "/status", device.tenantToken()).status()).isEqualTo(404);
    }

    private static void assertRefused(Mqtt5BlockingClient client) {
        assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e ->
                assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    void aDeviceUsesOnlyItsOwnTopics() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        TestDevice device = device(tenant, template);
        TestDevice victim = device(tenant, template);
        Mqtt5BlockingClient client = Mqtt.client(device.uid(), device.token());
        client.connect();

        assertThat(publish(client, "devices/" + victim.uid() + "/telemetry", "{\"temperature\": 99}"))
                .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(publish(client, "devices/" + device.uid() + "/commands", "{\"id\": \"forged\"}"))
                .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(publish(client, "elsewhere", "{}")).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        for (String filter : List.of("#", "devices/+/commands", "devices/" + victim.uid() + "/#", "$share/g/devices/#")) {
            assertThatThrownBy(() -> client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send())
                    .as(filter).isInstanceOf(Mqtt5SubAckException.class);
        }
        client.subscribeWith().topicFilter("devices/" + device.uid() + "/#").qos(MqttQos.AT_LEAST_ONCE).send();
        client.disconnect();

        assertThat(api.get(victim.path() + "/datastreams", tenant.token()).body().size()).isZero();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(stats(device).get("rejected").get("FORBIDDEN_TOPIC").asLong()).isEqualTo(7));
    }

    @Test
    void telemetryIsStoredBeforeItsPubackAndCanBeQueried() {
        TestDevice device = device();
        Mqtt5BlockingClient client = Mqtt.client(device.uid(), device.token());
        client.connect();

        assertThat(publish(client, "devices/" + device.uid() + "/telemetry", "{\"temperature\": 21.5, \"humidity\": 40}"))
                .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        // No waiting: a PUBACK means stored.
        JsonNode latest = api.get(device.path() + "/datastreams", device.tenantToken()).body();
        assertThat(latest.findValuesAsString("name")).containsExactly("humidity", "temperature");
        assertThat(latest.get(1).get("value").asDouble()).isEqualTo(21.5);
        assertThat(latest.get(1).get("updatedAt").asString()).isNotBlank();

        assertThat(publish(client, "devices/" + device.uid() + "/telemetry/temperature", "22.25"))
                .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(publish(client, "devices/" + device.uid() + "/telemetry/label", "hello kitchen"))
                .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        // QoS 0 is best effort, but still stored.
        client.publishWith().topic("devices/" + device.uid() + "/telemetry/temperature").qos(MqttQos.AT_MOST_ONCE)
                .payload(utf8("23")).send();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(api.get(device.path() + "/datastreams/temperature/history", device.tenantToken())
                        .body().get("totalElements").asLong()).isEqualTo(3));

        JsonNode history = api.get(device.path() + "/datastreams/temperature/history?size=2&page=0", device.tenantToken()).body();
        assertThat(history.get("size").asInt()).isEqualTo(2);
        assertThat(history.get("page").asInt()).isZero();
        assertThat(history.get("content").findValuesAsString("ts")).hasSize(2);
        assertThat(history.get("content").get(0).get("value").asDouble()).isEqualTo(23);
        assertThat(history.get("content").get(1).get("value").asDouble()).isEqualTo(22.25);
        JsonNode label = api.get(device.path() + "/datastreams", device.tenantToken()).body().get(1);
        assertThat(label.get("name").asString()).isEqualTo("label");
        assertThat(label.get("value").asString()).isEqualTo("hello kitchen");
        assertThat(api.get(device.path() + "/datastreams/temperature/history?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z",
                device.tenantToken()).body().get("totalElements").asLong()).isZero();
        assertThat(api.get(device.path() + "/datastreams/temperature/history?from=yesterday", device.tenantToken()).status())
                .isEqualTo(400);

        publish(client, "devices/" + device.uid() + "/info", "{\"firmwareVersion\": \"1.2.3\", \"localIp\": \"192.168.1.20\", \"rssi\": -61}");
        JsonNode status = api.get(device.path() + "/status", device.tenantToken()).body();
        assertThat(status.get("localIp").asString()).isEqualTo("192.168.1.20");
        assertThat(status.get("rssi").asInt()).isEqualTo(-61);
        assertThat(status.get("publicIp").asString()).isEqualTo("127.0.0.1");
        assertThat(status.get("info").get("firmwareVersion").asString()).isEqualTo("1.2.3");
        client.disconnect();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode stats = stats(device);
            assertThat(stats.get("messagesIn").asLong()).isEqualTo(5);
            assertThat(stats.get("bytesIn").asLong()).isPositive();
            assertThat(stats.get("connects").asLong()).isEqualTo(1);
        });
    }

    @Test
    void badInputIsDroppedCountedAndHarmsNoOtherDevice() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        TestDevice device = device(tenant, template);
        TestDevice neighbour = device(tenant, template);
        Mqtt5BlockingClient client = Mqtt.client(device.uid(), device.token());
        client.connect();
        Mqtt5BlockingClient other = Mqtt.client(neighbour.uid(), neighbour.token());
        other.connect();
        String telemetry = "devices/" + device.uid() + "/telemetry";

        assertThat(publish(client, telemetry, "not json")).isNotEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(publish(client, telemetry, "[1, 2]")).isNotEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(publish(client, telemetry, "{\"temperature\": \"warm\"}")).isNotEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(publish(client, telemetry, "{\"humidity\": 140}")).isNotEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(publish(client, telemetry, "{\"pressure\": 1013}")).isNotEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(publish(client, "devices/" + device.uid() + "/events", "{\"description\": \"no code\"}"))
                .isNotEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(publish(client, telemetry, "{\"label\": \"" + "x".repeat(70_000) + "\"}"))
                .isNotEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        // Valid values in the same message as an invalid one are kept.
        assertThat(publish(client, telemetry, "{\"temperature\": 20, \"humidity\": -5}")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);

        // A flood over the per-device rate (burst 200): the excess is refused, the neighbour is unaffected.
        List<java.util.concurrent.CompletableFuture<Mqtt5PublishResult>> flood = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            flood.add(client.toAsync().publishWith().topic("devices/" + device.uid() + "/telemetry/temperature")
                    .qos(MqttQos.AT_LEAST_ONCE).payload(utf8("19")).send());
        }
        long refused = flood.stream().map(future -> future.handle((result, error) -> error)).map(java.util.concurrent.CompletableFuture::join)
                .filter(error -> error instanceof Mqtt5PubAckException ack
                        && ack.getMqttMessage().getReasonCode() == Mqtt5PubAckReasonCode.QUOTA_EXCEEDED)
                .count();
        assertThat(refused).isPositive();
        assertThat(publish(other, "devices/" + neighbour.uid() + "/telemetry", "{\"temperature\": 5}"))
                .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(client.getState().isConnected()).isTrue();
        client.disconnect();
        other.disconnect();

        JsonNode latest = api.get(device.path() + "/datastreams", tenant.token()).body();
        assertThat(latest.findValuesAsString("name")).containsExactly("temperature");
        assertThat(api.get(neighbour.path() + "/datastreams", tenant.token()).body().get(0).get("value").asInt()).isEqualTo(5);
        long refusedByRate = refused;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode rejected = stats(device).get("rejected");
            assertThat(rejected.get("NOT_JSON").asLong()).isEqualTo(3);
            assertThat(rejected.get("WRONG_TYPE").asLong()).isEqualTo(1);
            assertThat(rejected.get("OUT_OF_RANGE").asLong()).isEqualTo(2);
            assertThat(rejected.get("UNKNOWN_DATASTREAM").asLong()).isEqualTo(1);
            assertThat(rejected.get("PAYLOAD_TOO_LARGE").asLong()).isEqualTo(1);
            assertThat(rejected.get("RATE_LIMITED").asLong()).isEqualTo(refusedByRate);
            assertThat(stats(neighbour).get("rejected").size()).isZero();
        });
    }

    @Test
    void moorSendsToADeviceAndHearsItsAcknowledgements() throws Exception {
        TestDevice device = device();
        DeviceId id = new DeviceId(device.id());
        assertThat(link.send(id, "commands", utf8("{\"id\": \"c1\"}")).get(5, TimeUnit.SECONDS))
                .isEqualTo(DeviceLink.Delivery.NOT_CONNECTED);

        List<DeviceMessageReceived> received = new CopyOnWriteArrayList<>();
        ApplicationListener<PayloadApplicationEvent<DeviceMessageReceived>> listener =
                event -> received.add(event.getPayload());
        context.addApplicationListener(listener);
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = connectAndListen(device)) {
            var sent = link.send(id, "commands", utf8("{\"id\": \"c1\", \"name\": \"reboot\"}"));
            Optional<Mqtt5Publish> command = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(command).isPresent();
            assertThat(command.get().getTopic().toString()).isEqualTo("devices/" + device.uid() + "/commands");
            assertThat(new String(command.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).contains("reboot");
            assertThat(command.get().getUserProperties().asList()).isEmpty();
            assertThat(sent.get(10, TimeUnit.SECONDS)).isEqualTo(DeviceLink.Delivery.DELIVERED);
            assertThat(link.isOnline(id)).isTrue();

            Mqtt5BlockingClient client = clients.getLast();
            assertThat(publish(client, "devices/" + device.uid() + "/commands/c1/ack", "{\"status\": \"OK\"}"))
                    .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(publish(client, "devices/" + device.uid() + "/ota", "{\"progress\": 40}"))
                    .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(received).extracting(DeviceMessageReceived::subtopic).containsExactly("commands/c1/ack", "ota");
            assertThat(received.getFirst().device()).isEqualTo(id);
            client.disconnect();
        } finally {
            context.removeApplicationListener(listener);
        }
    }

    private final List<Mqtt5BlockingClient> clients = new CopyOnWriteArrayList<>();

    private Mqtt5BlockingClient.Mqtt5Publishes connectAndListen(TestDevice device) {
        Mqtt5BlockingClient client = Mqtt.client(device.uid(), device.token());
        clients.add(client);
        Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL);
        client.connect();
        client.subscribeWith().topicFilter("devices/" + device.uid() + "/#").qos(MqttQos.AT_LEAST_ONCE).send();
        return publishes;
    }

    @Test
    void aUserWriteIsStoredLoggedAndDeliveredToTheDevice() throws Exception {
        TestDevice device = device();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = connectAndListen(device)) {
            Api.Response written = api.put(device.path() + "/datastreams/humidity", device.tenantToken(), Map.of("value", 55));
            assertThat(written.status()).as(written.text()).isEqualTo(200);
            assertThat(written.body().get("delivery").asString()).isEqualTo("DELIVERED");
            Optional<Mqtt5Publish> delivered = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(delivered).isPresent();
            assertThat(delivered.get().getTopic().toString()).isEqualTo("devices/" + device.uid() + "/datastreams/humidity");
            assertThat(new String(delivered.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("55");
            clients.getLast().disconnect();
        }
        assertThat(api.get(device.path() + "/datastreams", device.tenantToken()).body().get(0).get("value").asInt()).isEqualTo(55);
        JsonNode logs = api.get(device.path() + "/logs", device.tenantToken()).body();
        assertThat(logs.get("totalElements").asLong()).isEqualTo(1);
        assertThat(logs.get("content").get(0).get("name").asString()).isEqualTo("humidity");
        assertThat(logs.get("content").get(0).get("delivery").asString()).isEqualTo("DELIVERED");

        // Invalid writes change nothing.
        assertThat(api.put(device.path() + "/datastreams/humidity", device.tenantToken(), Map.of("value", 500)).status()).isEqualTo(400);
        assertThat(api.put(device.path() + "/datastreams/nope", device.tenantToken(), Map.of("value", 1)).status()).isEqualTo(400);
        assertThat(api.put(device.path() + "/datastreams/humidity", device.tenantToken(), "{\"value\": ").status()).isEqualTo(400);
        assertThat(api.get(device.path() + "/logs", device.tenantToken()).body().get("totalElements").asLong()).isEqualTo(1);
        assertThat(api.get(device.path() + "/datastreams", device.tenantToken()).body().get(0).get("value").asInt()).isEqualTo(55);
        // A device being offline is recorded, not an error.
        Api.Response offline = api.put(device.path() + "/datastreams/humidity", device.tenantToken(), Map.of("value", 60));
        assertThat(offline.body().get("delivery").asString()).isEqualTo("NOT_CONNECTED");
    }

    @Test
    void anotherTenantSeesNothingOfADevice() {
        TestDevice device = device();
        Fixtures.Tenant stranger = fixtures.tenant();
        for (String path : List.of("/status", "/stats", "/datastreams", "/datastreams/temperature/history", "/timeline", "/logs")) {
            assertThat(api.get(device.path() + path, stranger.token()).status()).as(path).isEqualTo(404);
        }
        assertThat(api.put(device.path() + "/datastreams/humidity", stranger.token(), Map.of("value", 1)).status()).isEqualTo(404);
        assertThat(api.get(device.path() + "/status", null).status()).isEqualTo(401);
    }

    @Test
    void devicesConnectOverTls() throws Exception {
        TestDevice device = device();
        Path keystoreFile = moor.dataDir().resolve("broker").resolve("tls.p12");
        String password = Files.readString(moor.dataDir().resolve("broker").resolve("tls.password")).strip();
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystoreFile)) {
            keystore.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keystore);
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5()
                .identifier("tls-" + Fixtures.unique())
                .serverHost("localhost").serverPort(MQTTS_PORT)
                .sslConfig().trustManagerFactory(trust).applySslConfig()
                .simpleAuth().username(device.uid()).password(utf8(device.token())).applySimpleAuth()
                .buildBlocking();
        assertThat(client.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(publish(client, "devices/" + device.uid() + "/telemetry", "{\"temperature\": 1.5}"))
                .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        client.disconnect();
        assertThat(api.get(device.path() + "/datastreams", device.tenantToken()).body().get(0).get("value").asDouble())
                .isEqualTo(1.5);
    }
}
