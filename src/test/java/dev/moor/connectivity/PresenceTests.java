package dev.moor.connectivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import dev.moor.device.DeviceId;
import dev.moor.support.Fixtures;
import dev.moor.support.Mqtt;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Online exactly while the broker holds a session, whatever the order and timing of connects and disconnects. */
class PresenceTests extends MoorIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    PresenceService presence;

    @Autowired
    JdbcClient jdbc;

    record TestDevice(long id, String uid, String token, String tenantToken) {
        String path() {
            return "/rest/v1/devices/" + id;
        }
    }

    private TestDevice device() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Device " + Fixtures.unique());
        return new TestDevice(device.get("id").asLong(), device.get("uid").asString(), device.get("token").asString(),
                tenant.token());
    }

    private JsonNode status(TestDevice device) {
        return api.get(device.path() + "/status", device.tenantToken()).body();
    }

    private void awaitConnected(TestDevice device, boolean connected) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(device).get("connected").asBoolean()).isEqualTo(connected));
    }

    /** The status stays as it is for a while: no late event flips it. */
    private void staysConnected(TestDevice device, boolean connected) {
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> status(device).get("connected").asBoolean() == connected);
    }

    @Test
    void aDeviceIsOnlineWhileConnectedAndKeepsItsHistory() {
        TestDevice device = device();
        JsonNode before = status(device);
        assertThat(before.get("connected").asBoolean()).isFalse();
        assertThat(before.get("firstSeenAt").isNull()).isTrue();

        Mqtt5BlockingClient client = Mqtt.client("kitchen-1", device.uid(), device.token());
        client.connect();
        awaitConnected(device, true);
        JsonNode online = status(device);
        assertThat(online.get("firstSeenAt").asString()).isNotBlank();
        assertThat(online.get("connectedAt").asString()).isNotBlank();
        assertThat(online.get("publicIp").asString()).isEqualTo("127.0.0.1");
        assertThat(online.get("clientId").asString()).isEqualTo("kitchen-1");
        assertThat(online.get("protocol").asString()).isEqualTo("MQTT 5");
        JsonNode registry = api.get(device.path(), device.tenantToken()).body();
        assertThat(registry.get("status").asString()).isEqualTo("online");
        assertThat(registry.get("activatedAt").asString()).isNotBlank();

        client.disconnect();
        awaitConnected(device, false);
        JsonNode offline = status(device);
        assertThat(offline.get("disconnectReason").asString()).isEqualTo("CLIENT_DISCONNECT");
        assertThat(Instant.parse(offline.get("disconnectedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(online.get("connectedAt").asString()));
        assertThat(offline.get("firstSeenAt").asString()).isEqualTo(online.get("firstSeenAt").asString());
        assertThat(offline.get("connectionCount").asLong()).isEqualTo(1);
        assertThat(api.get(device.path(), device.tenantToken()).body().get("status").asString()).isEqualTo("offline");
        // Activation happens once, on the first connection.
        assertThat(api.get(device.path(), device.tenantToken()).body().get("activatedAt").asString())
                .isEqualTo(registry.get("activatedAt").asString());
    }

    @Test
    void aTakeoverBySameClientIdLeavesTheDeviceOnline() {
        TestDevice device = device();
        Mqtt5BlockingClient first = Mqtt.client("same-id", device.uid(), device.token());
        first.connect();
        awaitConnected(device, true);
        Mqtt5BlockingClient second = Mqtt.client("same-id", device.uid(), device.token());
        second.connect();
        await().atMost(WAIT).until(() -> !first.getState().isConnected());
        staysConnected(device, true);

        second.disconnect();
        awaitConnected(device, false);
        assertThat(status(device).get("connectionCount").asLong()).isEqualTo(2);
    }

    @Test
    void aNewConnectionUnderAnotherClientIdTakesOverTheDevice() {
        TestDevice device = device();
        Mqtt5BlockingClient first = Mqtt.client("first-" + Fixtures.unique(), device.uid(), device.token());
        first.connect();
        awaitConnected(device, true);
        Mqtt5BlockingClient second = Mqtt.client("second-" + Fixtures.unique(), device.uid(), device.token());
        second.connect();
        await().atMost(WAIT).until(() -> !first.getState().isConnected());
        staysConnected(device, true);
        assertThat(status(device).get("clientId").asString()).startsWith("second-");
        assertThat(MqttDeviceTests.publish(second, "devices/" + device.uid() + "/telemetry", "{\"temperature\": 3}"))
                .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        second.disconnect();
        awaitConnected(device, false);
    }

    @Test
    void anAbruptCloseTakesTheDeviceOffline() throws Exception {
        TestDevice device = device();
        Socket socket = Mqtt.rawConnect("raw-" + Fixtures.unique(), device.uid(), device.token());
        awaitConnected(device, true);
        socket.close();
        awaitConnected(device, false);
        assertThat(status(device).get("disconnectReason").asString()).isEqualTo("CONNECTION_LOST");
        assertThat(status(device).get("protocol").asString()).isEqualTo("MQTT 3.1.1");
    }

    @Test
    void quickReconnectsEndInTheRightState() {
        TestDevice device = device();
        for (int i = 0; i < 10; i++) {
            Mqtt5BlockingClient client = Mqtt.client("flappy", device.uid(), device.token());
            client.connect();
            client.disconnect();
        }
        Mqtt5BlockingClient last = Mqtt.client("flappy", device.uid(), device.token());
        last.connect();
        awaitConnected(device, true);
        staysConnected(device, true);
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(device).get("connectionCount").asLong()).isEqualTo(11));

        // Raw sockets dropped one after another, the last one kept.
        last.disconnect();
        Socket kept = null;
        for (int i = 0; i < 5; i++) {
            Socket socket = Mqtt.rawConnect("raw-flappy", device.uid(), device.token());
            if (kept != null) {
                closeQuietly(kept);
            }
            kept = socket;
        }
        awaitConnected(device, true);
        staysConnected(device, true);
        closeQuietly(kept);
        awaitConnected(device, false);
    }

    @Test
    void aLateDisconnectOfAnOlderSessionChangesNothing() {
        TestDevice device = device();
        Mqtt5BlockingClient client = Mqtt.client(device.uid(), device.token());
        client.connect();
        awaitConnected(device, true);
        long session = jdbc.sql("select session_id from device_presence where device_id = :id")
                .param("id", device.id()).query(Long.class).single();
        DeviceId id = new DeviceId(device.id());

        // An older connection's disconnect, handled late (another node, a slow thread): ignored.
        assertThat(presence.disconnected(id, device.uid(), session - 1, Instant.now(), "CONNECTION_LOST")).isFalse();
        assertThat(status(device).get("connected").asBoolean()).isTrue();

        client.disconnect();
        awaitConnected(device, false);
        // The start of that same, finished session, handled after its end: ignored too.
        assertThat(presence.connected(new PresenceService.Session(id, device.uid(), session, "late", "MQTT 5", null,
                Instant.now()))).isFalse();
        assertThat(status(device).get("connected").asBoolean()).isFalse();
    }

    @Test
    void theTimelineShowsTheLifecycleNewestFirst() {
        TestDevice device = device();
        Mqtt5BlockingClient client = Mqtt.client(device.uid(), device.token());
        client.connect();
        assertThat(MqttDeviceTests.publish(client, "devices/" + device.uid() + "/events",
                "{\"code\": \"door_open\", \"description\": \"Back door opened\"}")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        client.disconnect();
        awaitConnected(device, false);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode timeline = api.get(device.path() + "/timeline", device.tenantToken()).body();
            assertThat(timeline.get("content").findValuesAsString("type"))
                    .containsExactly("OFFLINE", "EVENT", "ONLINE", "ACTIVATED", "CREATED");
            assertThat(timeline.get("totalElements").asLong()).isEqualTo(5);
        });
        JsonNode events = api.get(device.path() + "/timeline?eventType=EVENT", device.tenantToken()).body();
        assertThat(events.get("content").get(0).get("data").get("code").asString()).isEqualTo("door_open");
        assertThat(events.get("content").get(0).get("data").get("description").asString()).isEqualTo("Back door opened");
        assertThat(events.get("content").get(0).get("id").asLong()).isPositive();
        assertThat(events.get("content").get(0).get("ts").asString()).isNotBlank();
        JsonNode paged = api.get(device.path() + "/timeline?size=2&page=1", device.tenantToken()).body();
        assertThat(paged.get("content").findValuesAsString("type")).containsExactly("ONLINE", "ACTIVATED");
        assertThat(paged.get("page").asInt()).isEqualTo(1);
        assertThat(api.get(device.path() + "/timeline?eventType=online", device.tenantToken()).body()
                .get("content").findValuesAsString("type")).isEqualTo(List.of("ONLINE"));
        assertThat(api.get(device.path() + "/timeline?eventType=BOGUS", device.tenantToken()).status()).isEqualTo(400);
        JsonNode offline = api.get(device.path() + "/timeline?eventType=OFFLINE", device.tenantToken()).body();
        assertThat(offline.get("content").get(0).get("data").get("reason").asString()).isEqualTo("CLIENT_DISCONNECT");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (java.io.IOException ignored) {
            // Already gone.
        }
    }
}
