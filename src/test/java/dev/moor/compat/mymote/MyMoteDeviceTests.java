package dev.moor.compat.mymote;

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
import tools.jackson.databind.JsonNode;

/** Iomote MyMote's devices and groups APIs (000_653a1bc248848322.txt) with the entities of vendor-notes.md. */
class MyMoteDeviceTests extends MoorIntegrationTest {

    private static final List<String> DEVICE_FIELDS = List.of("id", "device_id", "device_key", "user_id", "group_id",
            "name", "type", "location", "connectivity", "fwversion", "app_name", "app_version", "stat_device_id", "ICCID");
    private static final List<String> STATS_FIELDS = List.of("id", "stat_of_device_id", "msg_tot", "msg_current",
            "msg_1", "msg_2", "msg_3", "msg_4", "msg_5", "msg_6", "msg_7", "bytes_tot", "bytes_current", "bytes_1",
            "bytes_2", "bytes_3", "bytes_4", "bytes_5", "bytes_6", "bytes_7");
    private static final List<String> GROUP_FIELDS = List.of("id", "group_of_user_id", "name", "client_name", "email",
            "telephone");

    @Test
    void listsDevicesWithTheirConnectionStatus() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String base = base(tenant);
        JsonNode created = fixtures.device(tenant.token(), Map.of("name", "Gateway", "templateId",
                fixtures.template(tenant.token()), "platform", "espressif32", "board", "esp32dev",
                "ownerUserId", tenant.adminUserId(), "meta", Map.of("location", List.of(45.4642, 9.19), "iccid", "8939100000000000001")));
        long group = group(tenant, "Farm");
        api.put("/rest/v1/device-groups/" + group + "/devices/" + created.get("id").asLong(), tenant.token(), Map.of());

        Api.Response response = api.get(base + "/devices", null);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.body().isArray()).isTrue();
        assertThat(response.body()).hasSize(1);
        JsonNode devicest = response.body().get(0);
        assertThat(devicest.propertyNames()).containsExactly("device", "status");
        assertThat(devicest.get("status").asString()).isEqualTo("Disconnected");
        JsonNode device = devicest.get("device");
        assertThat(device.propertyNames()).containsExactlyElementsOf(DEVICE_FIELDS);
        device.properties().forEach(field -> assertThat(field.getValue().isString()).as(field.getKey()).isTrue());
        assertThat(device.get("id").asString()).isEqualTo(Long.toString(created.get("id").asLong()));
        assertThat(device.get("device_id").asString()).isEqualTo(created.get("uid").asString());
        assertThat(device.get("device_key").asString()).isEqualTo(created.get("token").asString());
        assertThat(device.get("user_id").asString()).isEqualTo(Long.toString(tenant.adminUserId()));
        assertThat(device.get("group_id").asString()).isEqualTo(Long.toString(group));
        assertThat(device.get("name").asString()).isEqualTo("Gateway");
        assertThat(device.get("type").asString()).isEqualTo("ESP32 Dev Module");
        assertThat(device.get("location").asString()).isEqualTo("45.4642,9.19");
        assertThat(device.get("connectivity").asString()).isEqualTo("MQTT");
        assertThat(device.get("stat_device_id").asString()).isEqualTo(device.get("id").asString());
        assertThat(device.get("ICCID").asString()).isEqualTo("8939100000000000001");
    }

    @Test
    void showsOneDeviceByIdOrUidAndItsStatus() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String base = base(tenant);
        JsonNode created = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Lonely");
        String id = Long.toString(created.get("id").asLong());
        String uid = created.get("uid").asString();

        for (String deviceid : List.of(id, uid)) {
            Api.Response response = api.get(base + "/devices/" + deviceid, null);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(response.body().isArray()).as("the docs give an array of DEVICEST").isTrue();
            assertThat(response.body()).hasSize(1);
            assertThat(response.body().get(0).get("device").get("device_id").asString()).isEqualTo(uid);
            assertThat(response.body().get(0).get("device").get("group_id").asString()).isEmpty();
            assertThat(response.body().get(0).get("device").get("user_id").asString()).isEmpty();

            Api.Response status = api.get(base + "/devices/" + deviceid + "/status", null);
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.text()).isEqualTo("{\"connectionState\":\"Disconnected\"}");
        }
    }

    @Test
    void listsGroupsAndTheDevicesOfAGroup() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String base = base(tenant);
        String template = fixtures.template(tenant.token());
        Api.Response created = api.post("/rest/v1/device-groups", tenant.token(), Map.of("name", "Bakery Rossi",
                "clientName", "Mario Rossi", "email", "mario@rossi.example", "telephone", "+39 02 1234 5678"));
        long group = created.body().get("id").asLong();
        group(tenant, "Empty");
        long oven = fixtures.device(tenant.token(), template, "Oven").get("id").asLong();
        fixtures.device(tenant.token(), template, "Outside");
        api.put("/rest/v1/device-groups/" + group + "/devices/" + oven, tenant.token(), Map.of());

        Api.Response groups = api.get(base + "/groups", null);
        assertThat(groups.status()).as(groups.text()).isEqualTo(200);
        assertThat(groups.body()).hasSize(2);
        JsonNode bakery = groups.body().get(0);
        assertThat(bakery.propertyNames()).containsExactlyElementsOf(GROUP_FIELDS);
        assertThat(bakery.get("id").asString()).isEqualTo(Long.toString(group));
        assertThat(bakery.get("group_of_user_id").asString()).isEqualTo(Long.toString(tenant.adminUserId()));
        assertThat(bakery.get("name").asString()).isEqualTo("Bakery Rossi");
        assertThat(bakery.get("client_name").asString()).isEqualTo("Mario Rossi");
        assertThat(bakery.get("email").asString()).isEqualTo("mario@rossi.example");
        assertThat(bakery.get("telephone").asString()).isEqualTo("+39 02 1234 5678");
        assertThat(groups.body().get(1).get("client_name").asString()).as("absent fields are empty strings").isEmpty();

        Api.Response members = api.get(base + "/devices/group/" + group, null);
        assertThat(members.status()).as(members.text()).isEqualTo(200);
        assertThat(members.body()).hasSize(1);
        assertThat(members.body().get(0).propertyNames()).containsExactlyElementsOf(DEVICE_FIELDS);
        assertThat(members.body().get(0).get("name").asString()).isEqualTo("Oven");
        assertThat(members.body().get(0).get("group_id").asString()).isEqualTo(Long.toString(group));
    }

    @Test
    void givesAnotherUsersDevicesAndGroupsAwayNoMoreThanMissingOnes() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Fixtures.Tenant stranger = fixtures.tenant();
        String strangerBase = base(stranger);
        JsonNode device = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Private");
        long group = group(tenant, "Private");

        for (String path : List.of("/devices/" + device.get("uid").asString(), "/devices/" + device.get("id").asLong(),
                "/devices/" + device.get("uid").asString() + "/status", "/devices/" + device.get("uid").asString() + "/stat")) {
            Api.Response foreign = api.get(strangerBase + path, null);
            assertThat(foreign.status()).as(path).isEqualTo(404);
            assertThat(foreign.text()).isEqualTo("{\"error\":\"Device not found.\"}");
        }
        Api.Response missingDevice = api.get(strangerBase + "/devices/device_AAAAAAAAAAAA", null);
        assertThat(missingDevice.text()).isEqualTo("{\"error\":\"Device not found.\"}");

        Api.Response foreignGroup = api.get(strangerBase + "/devices/group/" + group, null);
        Api.Response missingGroup = api.get(strangerBase + "/devices/group/999999999", null);
        assertThat(foreignGroup.status()).isEqualTo(404);
        assertThat(foreignGroup.text()).isEqualTo(missingGroup.text()).isEqualTo("{\"error\":\"Group not found.\"}");
        assertThat(api.get(strangerBase + "/devices/group/abc", null).text()).isEqualTo("{\"error\":\"Group not found.\"}");

        assertThat(api.get(strangerBase + "/devices", null).body()).isEmpty();
        assertThat(api.get(strangerBase + "/groups", null).body()).isEmpty();
    }

    @Test
    void showsAUserWithOwnDevicesViewOnlyItsOwnDevices() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        long member = fixtures.user(tenant.token(), tenant.organizationId(), List.of("OWN_DEVICES_VIEW"));
        String memberToken = fixtures.token(tenant.token(), member);
        String key = api.post("/rest/v1/users/" + member + "/webapi-key", memberToken, null).body().get("webapiKey").asString();
        fixtures.device(tenant.token(), Map.of("name", "Mine", "templateId", template, "ownerUserId", member));
        String others = fixtures.device(tenant.token(), template, "Not mine").get("uid").asString();

        String base = "/api/user/" + member + "/" + key;
        JsonNode devices = api.get(base + "/devices", null).body();
        assertThat(devices).hasSize(1);
        assertThat(devices.get(0).get("device").get("name").asString()).isEqualTo("Mine");
        assertThat(api.get(base + "/devices/" + others, null).status()).isEqualTo(404);
    }

    @Test
    void reportsConnectedExactlyWhileTheDeviceHoldsASession() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String base = base(tenant);
        JsonNode created = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Live");
        String uid = created.get("uid").asString();
        Mqtt5BlockingClient device = Mqtt.client(uid, created.get("token").asString());
        device.connect();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(api.get(base + "/devices/" + uid + "/status", null).text())
                            .isEqualTo("{\"connectionState\":\"Connected\"}"));
            assertThat(api.get(base + "/devices", null).body().get(0).get("status").asString()).isEqualTo("Connected");
        } finally {
            device.disconnect();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get(base + "/devices/" + uid, null).body().get(0).get("status").asString())
                        .isEqualTo("Disconnected"));
    }

    @Test
    void countsTheDevicesTrafficInTotalTodayAndOnTheDaysBefore() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String base = base(tenant);
        JsonNode created = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Chatty");
        String uid = created.get("uid").asString();
        String id = Long.toString(created.get("id").asLong());

        JsonNode quiet = api.get(base + "/devices/" + uid + "/stat", null).body();
        assertThat(quiet.propertyNames()).containsExactlyElementsOf(STATS_FIELDS);
        assertThat(quiet.get("id").asString()).isEqualTo(id);
        assertThat(quiet.get("stat_of_device_id").asString()).isEqualTo(id);
        assertThat(quiet.get("msg_tot").isIntegralNumber()).isTrue();
        assertThat(quiet.get("msg_tot").asLong()).isZero();

        Mqtt5BlockingClient device = Mqtt.client(uid, created.get("token").asString());
        device.connect();
        try {
            for (int i = 0; i < 3; i++) {
                device.publishWith().topic("devices/" + uid + "/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("{\"temperature\": 2" + i + ".5}").getBytes(StandardCharsets.UTF_8)).send();
            }
        } finally {
            device.disconnect();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode stats = api.get(base + "/devices/" + id + "/stat", null).body();
            assertThat(stats.get("msg_tot").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(stats.get("msg_current").asLong()).as("all of it today").isEqualTo(stats.get("msg_tot").asLong());
            assertThat(stats.get("bytes_current").asLong()).isEqualTo(stats.get("bytes_tot").asLong()).isPositive();
            for (int day = 1; day <= 7; day++) {
                assertThat(stats.get("msg_" + day).asLong()).isZero();
                assertThat(stats.get("bytes_" + day).asLong()).isZero();
            }
        });

        Api.Response daily = api.get("/rest/v1/devices/" + id + "/stats/daily", tenant.token());
        assertThat(daily.status()).as(daily.text()).isEqualTo(200);
        assertThat(daily.body()).hasSize(8);
        assertThat(daily.body().get(7).get("messagesIn").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(daily.body().get(0).get("messagesIn").asLong()).isZero();
        assertThat(api.get("/rest/v1/devices/" + id + "/stats/daily?days=0", tenant.token()).status()).isEqualTo(400);
        assertThat(api.get("/rest/v1/devices/" + id + "/stats/daily?days=3", tenant.token()).body()).hasSize(3);
    }

    private String base(Fixtures.Tenant tenant) {
        Api.Response key = api.post("/rest/v1/users/" + tenant.adminUserId() + "/webapi-key", tenant.token(), null);
        assertThat(key.status()).as(key.text()).isEqualTo(200);
        return "/api/user/" + tenant.adminUserId() + "/" + key.body().get("webapiKey").asString();
    }

    private long group(Fixtures.Tenant tenant, String name) {
        Api.Response created = api.post("/rest/v1/device-groups", tenant.token(), Map.of("name", name));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("id").asLong();
    }
}
