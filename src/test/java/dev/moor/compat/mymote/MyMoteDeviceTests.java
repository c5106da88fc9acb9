package dev.moor.compat.mymote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Iomote MyMote's devices and groups APIs (000_653a1bc248848322.txt) with the entities of vendor-notes.md. */
class MyMoteDeviceTests extends MoorIntegrationTest {

    private static final List<String> DEVICE_FIELDS = List.of("id", "device_id", "device_key", "user_id", "group_id",
            "name", "type", "location", "connectivity", "fwversion", "app_name", "app_version", "stat_device_id", "ICCID");
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
                "/devices/" + device.get("uid").asString() + "/status")) {
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
