package dev.moor.compat.mymote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import dev.moor.support.Mqtt;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Iomote MyMote's cloud-to-device calls (000_653a1bc248848322.txt): sendjson, newfirmware/NOW and newapp. */
class MyMoteCommandTests extends MoorIntegrationTest {

    @Test
    void deliversAnyJsonValueAsAUserMessage() throws InterruptedException {
        Fixtures.Tenant tenant = fixtures.tenant();
        String base = base(tenant);
        JsonNode created = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "X400");
        String path = base + "/devices/" + created.get("uid").asString() + "/sendjson";
        try (Listener device = Listener.connect(created)) {
            String text = "\"This is my example string message. I can also add double quoted chars using the break special char \\\" instead of double quote char\"";
            Api.Response sent = api.send("POST", path, null, text, "application/json");
            assertThat(sent.status()).as(sent.text()).isEqualTo(200);
            assertThat(sent.text()).isEqualTo("{\"result\":\"OK\"}");
            JsonNode message = device.next();
            assertThat(message.get("name").asString()).isEqualTo("message");
            assertThat(message.get("payload").isString()).isTrue();
            assertThat(message.get("payload").asString()).contains("double quoted chars using the break special char \"");

            String object = "{\"string\":\"my string\",\"array\":[{\"intNumber\":1},{\"doubleNumber\":2.087},{\"boolean\":true}]}";
            assertThat(api.send("POST", path, null, object, "application/json; charset=utf-8").status()).isEqualTo(200);
            assertThat(device.next().get("payload")).isEqualTo(Api.JSON.readTree(object));
        }
    }

    @Test
    void requiresJsonAndRefusesBadMessagesWithoutSendingThem() throws InterruptedException {
        Fixtures.Tenant tenant = fixtures.tenant();
        String base = base(tenant);
        JsonNode created = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "X400");
        String path = base + "/devices/" + created.get("uid").asString() + "/sendjson";
        try (Listener device = Listener.connect(created)) {
            Api.Response plain = api.send("POST", path, null, "\"hello\"", "text/plain");
            assertThat(plain.status()).isEqualTo(415);
            assertThat(plain.text()).isEqualTo("{\"error\":\"Content-Type: application/json is needed.\"}");
            Api.Response malformed = api.send("POST", path, null, "{\"open\": ", "application/json");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.body().propertyNames()).containsExactly("error");
            Api.Response tooLong = api.send("POST", path, null, "\"" + "x".repeat(4095) + "\"", "application/json");
            assertThat(tooLong.status()).isEqualTo(413);
            assertThat(device.poll()).as("nothing reaches the device").isEmpty();
        }
    }

    @Test
    void keepsMessagesForADeviceThatIsNotConnected() throws InterruptedException {
        Fixtures.Tenant tenant = fixtures.tenant();
        String base = base(tenant);
        JsonNode created = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Sleeper");
        Api.Response sent = api.send("POST", base + "/devices/" + created.get("id").asLong() + "/sendjson", null,
                "{\"wake\":true}", "application/json");
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        try (Listener device = Listener.connect(created)) {
            assertThat(device.next().get("payload")).isEqualTo(Api.JSON.readTree("{\"wake\":true}"));
        }
    }

    @Test
    void sendsNewFirmwareNow() throws InterruptedException {
        Fixtures.Tenant tenant = fixtures.tenant();
        String base = base(tenant);
        JsonNode created = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "X400");
        long deviceId = created.get("id").asLong();
        Api.Response uploaded = Uploads.firmware(port, tenant.token(), "/rest/v1/devices/" + deviceId + "/firmwares", 5000);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        long firmwareId = uploaded.body().get("id").asLong();
        String md5 = uploaded.body().get("md5").asString();
        try (Listener device = Listener.connect(created)) {
            Api.Response later = api.post(base + "/devices/" + deviceId + "/newfirmware/" + firmwareId + "/LATER", null, null);
            assertThat(later.status()).isEqualTo(404);
            assertThat(later.body().propertyNames()).containsExactly("error");

            Api.Response now = api.post(base + "/devices/" + deviceId + "/newfirmware/" + firmwareId + "/NOW", null, null);
            assertThat(now.status()).as(now.text()).isEqualTo(200);
            assertThat(now.text()).isEqualTo("{\"result\":\"OK\"}");
            JsonNode ota = device.next();
            assertThat(ota.get("name").asString()).isEqualTo("ota");
            assertThat(ota.get("payload").get("md5").asString()).isEqualTo(md5);
            assertThat(api.get("/rest/v1/devices/" + deviceId + "/firmware-status", tenant.token()).body()
                    .get("target").get("md5").asString()).isEqualTo(md5);

            assertThat(api.post(base + "/devices/" + deviceId + "/newfirmware/999999999/NOW", null, null).status())
                    .isEqualTo(404);
        }
    }

    @Test
    void sendsANewAppVersion() throws InterruptedException {
        Fixtures.Tenant tenant = fixtures.tenant();
        String base = base(tenant);
        JsonNode created = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "X400");
        long deviceId = created.get("id").asLong();
        long appId = api.post("/rest/v1/apps", tenant.token(), Map.of("name", "Sketch " + Fixtures.unique()))
                .body().get("id").asLong();
        Api.Response version = Uploads.firmware(port, tenant.token(), "/rest/v1/apps/" + appId + "/versions", 7000);
        assertThat(version.status()).as(version.text()).isEqualTo(201);
        long versionId = version.body().get("id").asLong();
        try (Listener device = Listener.connect(created)) {
            Api.Response sent = api.post(base + "/devices/" + deviceId + "/newapp/" + appId + "/" + versionId, null, null);
            assertThat(sent.status()).as(sent.text()).isEqualTo(200);
            assertThat(sent.text()).isEqualTo("{\"result\":\"OK\"}");
            JsonNode ota = device.next();
            assertThat(ota.get("name").asString()).isEqualTo("ota");
            assertThat(ota.get("payload").get("md5").asString()).isEqualTo(version.body().get("md5").asString());
            assertThat(api.post(base + "/devices/" + deviceId + "/newapp/" + appId + "/999999999", null, null).status())
                    .isEqualTo(404);
        }
    }

    @Test
    void givesAnotherUsersDeviceNothing() throws InterruptedException {
        Fixtures.Tenant tenant = fixtures.tenant();
        Fixtures.Tenant stranger = fixtures.tenant();
        String strangerBase = base(stranger);
        JsonNode created = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Private");
        try (Listener device = Listener.connect(created)) {
            Api.Response sent = api.send("POST", strangerBase + "/devices/" + created.get("uid").asString() + "/sendjson",
                    null, "{\"x\":1}", "application/json");
            assertThat(sent.status()).isEqualTo(404);
            assertThat(sent.text()).isEqualTo("{\"error\":\"Device not found.\"}");
            Api.Response wrongKey = api.send("POST", "/api/user/" + tenant.adminUserId() + "/nope/devices/"
                    + created.get("uid").asString() + "/sendjson", null, "{\"x\":1}", "application/json");
            assertThat(wrongKey.status()).isEqualTo(401);
            assertThat(device.poll()).isEmpty();
        }
    }

    private String base(Fixtures.Tenant tenant) {
        Api.Response key = api.post("/rest/v1/users/" + tenant.adminUserId() + "/webapi-key", tenant.token(), null);
        assertThat(key.status()).as(key.text()).isEqualTo(200);
        return "/api/user/" + tenant.adminUserId() + "/" + key.body().get("webapiKey").asString();
    }

    /** A device subscribed to its commands. */
    private static final class Listener implements AutoCloseable {

        private final Mqtt5BlockingClient client;
        private final Mqtt5BlockingClient.Mqtt5Publishes publishes;

        private Listener(Mqtt5BlockingClient client) {
            this.client = client;
            this.publishes = client.publishes(MqttGlobalPublishFilter.ALL);
        }

        static Listener connect(JsonNode device) {
            String uid = device.get("uid").asString();
            Mqtt5BlockingClient client = Mqtt.client(uid, device.get("token").asString());
            client.connect();
            Listener listener = new Listener(client);
            client.subscribeWith().topicFilter("devices/" + uid + "/commands").qos(MqttQos.AT_LEAST_ONCE).send();
            return listener;
        }

        JsonNode next() throws InterruptedException {
            return receive(10).orElseThrow(() -> new AssertionError("No command reached the device"));
        }

        Optional<JsonNode> poll() throws InterruptedException {
            return receive(1);
        }

        private Optional<JsonNode> receive(int seconds) throws InterruptedException {
            Optional<Mqtt5Publish> publish = publishes.receive(seconds, TimeUnit.SECONDS);
            return publish.map(message -> Api.JSON.readTree(new String(message.getPayloadAsBytes(), StandardCharsets.UTF_8)));
        }

        @Override
        public void close() {
            publishes.close();
            client.disconnect();
        }
    }
}
