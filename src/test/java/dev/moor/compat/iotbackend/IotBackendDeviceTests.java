package dev.moor.compat.iotbackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.moor.support.MoorIntegrationTest;
import dev.moor.support.Mqtt;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** iotbackend.cloud's devices endpoints, with the bodies of 004_acf27261eee54b3f.txt. */
class IotBackendDeviceTests extends MoorIntegrationTest {

    private static final List<String> LIST_FIELDS = List.of("uid", "name", "status", "last_seen_at", "platform", "board",
            "board_variant");
    private static final List<String> DETAIL_FIELDS = List.of("uid", "name", "description", "status", "is_online",
            "public_ip", "local_ip", "port", "last_rssi", "first_seen_at", "last_seen_at", "last_ota_at", "platform",
            "board", "board_variant", "current_firmware", "target_firmware", "meta");

    @Value("${moor.mqtt.tls-port}")
    int mqttTlsPort;

    @Test
    void listsTheUsersDevicesCompactly() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode created = esp07s(tenant, "test");

        Api.Response response = api.get("/v1/user/devices", tenant.token());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.body().propertyNames()).containsExactly("data");
        assertThat(response.body().get("data")).hasSize(1);
        JsonNode device = response.body().get("data").get(0);
        assertThat(device.propertyNames()).containsExactlyElementsOf(LIST_FIELDS);
        assertThat(device.get("uid").asString()).isEqualTo(created.get("uid").asString()).matches("espressif8266_[A-Za-z0-9]{12}");
        assertThat(device.get("name").asString()).isEqualTo("test");
        assertThat(device.get("status").asString()).isEqualTo("pending");
        assertThat(device.get("last_seen_at").isNull()).isTrue();
        assertThat(device.get("platform")).isEqualTo(Api.JSON.readTree("{\"id\":2,\"name\":\"ESP8266\",\"key\":\"espressif8266\"}"));
        assertThat(device.get("board")).isEqualTo(Api.JSON.readTree("{\"id\":6,\"name\":\"ESP-07S\",\"key\":\"esp07s\"}"));
        assertThat(device.get("board_variant").isNull()).isTrue();
    }

    @Test
    void showsTheDetailWithEveryDocumentedField() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        String uid = fixtures.device(tenant.token(), Map.of("name", "test", "templateId", template,
                "platform", "espressif32", "board", "esp32-s3-devkitc-1", "boardVariant", "n8r2",
                "meta", Map.of("room", "kitchen"))).get("uid").asString();

        Api.Response response = api.get("/v1/user/devices/" + uid, tenant.token());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode device = response.body().get("data");
        assertThat(device.propertyNames()).containsExactlyElementsOf(DETAIL_FIELDS);
        assertThat(device.get("uid").asString()).isEqualTo(uid);
        assertThat(device.get("description").isNull()).isTrue();
        assertThat(device.get("status").asString()).isEqualTo("pending");
        assertThat(device.get("is_online").asBoolean()).isFalse();
        assertThat(device.get("port").asInt()).isEqualTo(mqttTlsPort);
        assertThat(device.get("meta").get("mqtt_port").asInt()).isEqualTo(mqttTlsPort);
        assertThat(device.get("meta").get("room").asString()).as("the stored meta field").isEqualTo("kitchen");
        for (String absent : List.of("public_ip", "local_ip", "last_rssi", "first_seen_at", "last_seen_at", "last_ota_at",
                "current_firmware", "target_firmware")) {
            assertThat(device.get(absent).isNull()).as(absent + " of a device that never connected").isTrue();
        }
        assertThat(device.get("platform").get("key").asString()).isEqualTo("espressif32");
        assertThat(device.get("board").get("name").asString()).isEqualTo("ESP32-S3-DevKitC-1");
        assertThat(device.get("board_variant").get("key").asString()).isEqualTo("n8r2");
        assertThat(device.get("board_variant").propertyNames()).containsExactly("id", "name", "key");
    }

    @Test
    void updatesNameAndDescriptionAndAnswersTheFullDetail() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String uid = esp07s(tenant, "test").get("uid").asString();

        Api.Response response = api.patch("/v1/user/devices/" + uid, tenant.token(),
                Map.of("name", "Kitchen Sensor", "description", "Mounted near the back door"));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode device = response.body().get("data");
        assertThat(device.propertyNames()).containsExactlyElementsOf(DETAIL_FIELDS);
        assertThat(device.get("name").asString()).isEqualTo("Kitchen Sensor");
        assertThat(device.get("description").asString()).isEqualTo("Mounted near the back door");

        Api.Response descriptionOnly = api.patch("/v1/user/devices/" + uid, tenant.token(), Map.of("description", "Moved"));
        assertThat(descriptionOnly.body().get("data").get("name").asString()).isEqualTo("Kitchen Sensor");
        assertThat(api.get("/v1/user/devices/" + uid, tenant.token()).body().get("data").get("description").asString())
                .isEqualTo("Moved");
    }

    @Test
    void answersInvalidUpdatesWith422AndChangesNothing() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String uid = esp07s(tenant, "Original").get("uid").asString();
        String path = "/v1/user/devices/" + uid;

        Api.Response wrongType = api.patch(path, tenant.token(), Map.of("name", 42));
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.body().propertyNames()).containsExactly("message");
        assertThat(wrongType.body().get("message").asString()).isEqualTo("The name field must be a string.");

        Api.Response badName = api.patch(path, tenant.token(), Map.of("name", "no/slashes", "description", "changed"));
        assertThat(badName.status()).isEqualTo(422);
        assertThat(badName.body().get("message").asString()).startsWith("name must have 1 to 50 characters");

        Api.Response malformed = api.patch(path, tenant.token(), "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.body().get("message").asString()).isEqualTo("The request body must be valid JSON.");
        assertThat(malformed.text()).doesNotContain("Exception", "dev.moor");

        Api.Response notAnObject = api.patch(path, tenant.token(), "[1, 2]");
        assertThat(notAnObject.status()).isEqualTo(422);

        JsonNode unchanged = api.get(path, tenant.token()).body().get("data");
        assertThat(unchanged.get("name").asString()).isEqualTo("Original");
        assertThat(unchanged.get("description").isNull()).isTrue();
    }

    @Test
    void givesAnotherTenantsDeviceAwayNoMoreThanAMissingOne() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Fixtures.Tenant stranger = fixtures.tenant();
        String uid = esp07s(tenant, "Private").get("uid").asString();

        Api.Response foreign = api.get("/v1/user/devices/" + uid, stranger.token());
        Api.Response missing = api.get("/v1/user/devices/espressif8266_AAAAAAAAAAAA", stranger.token());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.text()).isEqualTo(missing.text()).isEqualTo("{\"message\":\"Device not found.\"}");

        Api.Response patch = api.patch("/v1/user/devices/" + uid, stranger.token(), Map.of("name", "Hijacked"));
        assertThat(patch.status()).isEqualTo(404);
        assertThat(api.get("/v1/user/devices", stranger.token()).body().get("data")).isEmpty();
        assertThat(api.get("/v1/user/devices/" + uid, tenant.token()).body().get("data").get("name").asString())
                .isEqualTo("Private");
    }

    @Test
    void answersMissingOrBadTokensLikeLaravelSanctum() {
        Api.Response missing = api.get("/v1/user/devices", null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.text()).isEqualTo("{\"message\":\"Unauthenticated.\"}");
        assertThat(api.get("/v1/user/devices", "moor_not_a_token").status()).isEqualTo(401);
    }

    @Test
    void refusesRenamingWithoutTheEditPermission() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String uid = esp07s(tenant, "Guarded").get("uid").asString();
        long viewer = fixtures.user(tenant.token(), tenant.organizationId(), List.of("ORG_DEVICES_VIEW"));
        String viewerToken = fixtures.token(tenant.token(), viewer);

        assertThat(api.get("/v1/user/devices/" + uid, viewerToken).status()).isEqualTo(200);
        Api.Response denied = api.patch("/v1/user/devices/" + uid, viewerToken, Map.of("name", "Renamed"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body().get("message").asString()).isEqualTo("This action is unauthorized.");
        assertThat(api.get("/v1/user/devices/" + uid, viewerToken).body().get("data").get("name").asString())
                .isEqualTo("Guarded");
    }

    @Test
    void followsTheDevicesConnectionAndReportedNetwork() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode created = esp07s(tenant, "Connected");
        String uid = created.get("uid").asString();
        String path = "/v1/user/devices/" + uid;
        Mqtt5BlockingClient device = Mqtt.client(uid, created.get("token").asString());
        device.connect();
        try {
            device.publishWith().topic("devices/" + uid + "/info").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"localIp\":\"192.168.1.20\",\"rssi\":-61}".getBytes(StandardCharsets.UTF_8)).send();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode detail = api.get(path, tenant.token()).body().get("data");
                assertThat(detail.get("status").asString()).isEqualTo("online");
                assertThat(detail.get("is_online").asBoolean()).isTrue();
                assertThat(detail.get("local_ip").asString()).isEqualTo("192.168.1.20");
                assertThat(detail.get("last_rssi").asInt()).isEqualTo(-61);
                assertThat(detail.get("public_ip").asString()).isEqualTo("127.0.0.1");
                assertThat(detail.get("first_seen_at").asString()).endsWith("+00:00");
                assertThat(detail.get("last_seen_at").asString()).endsWith("+00:00");
            });
            assertThat(api.get("/v1/user/devices", tenant.token()).body().get("data").get(0).get("status").asString())
                    .isEqualTo("online");
        } finally {
            device.disconnect();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode detail = api.get(path, tenant.token()).body().get("data");
            assertThat(detail.get("status").asString()).as("once seen, never pending again").isEqualTo("offline");
            assertThat(detail.get("is_online").asBoolean()).isFalse();
        });
    }

    private JsonNode esp07s(Fixtures.Tenant tenant, String name) {
        return fixtures.device(tenant.token(), Map.of("name", name, "templateId", fixtures.template(tenant.token()),
                "platform", "espressif8266", "board", "esp07s"));
    }
}
