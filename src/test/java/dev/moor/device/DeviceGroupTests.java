package dev.moor.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DeviceGroupTests extends MoorIntegrationTest {

    @Test
    void createsListsUpdatesAndDeletesGroups() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Api.Response created = api.post("/rest/v1/device-groups", tenant.token(), Map.of("name", "Bakery Rossi",
                "clientName", "Mario Rossi", "email", "mario@rossi.example", "telephone", "+39 02 1234 5678"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode group = created.body();
        assertThat(group.get("name").asString()).isEqualTo("Bakery Rossi");
        assertThat(group.get("clientName").asString()).isEqualTo("Mario Rossi");
        assertThat(group.get("email").asString()).isEqualTo("mario@rossi.example");
        assertThat(group.get("telephone").asString()).isEqualTo("+39 02 1234 5678");
        assertThat(group.get("ownerUserId").asLong()).as("the creating user owns it").isEqualTo(tenant.adminUserId());
        assertThat(group.get("organizationId").asLong()).isEqualTo(tenant.organizationId());
        assertThat(group.get("deviceCount").asLong()).isZero();
        String path = "/rest/v1/device-groups/" + group.get("id").asLong();

        api.post("/rest/v1/device-groups", tenant.token(), Map.of("name", "Alpha Farm"));
        assertThat(names(api.get("/rest/v1/device-groups", tenant.token()))).containsExactly("Alpha Farm", "Bakery Rossi");

        Api.Response patched = api.patch(path, tenant.token(), Map.of("telephone", "", "clientName", "Luigi Rossi"));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.body().get("clientName").asString()).isEqualTo("Luigi Rossi");
        assertThat(patched.body().get("telephone").isNull()).as("an empty string clears a field").isTrue();
        assertThat(patched.body().get("email").asString()).isEqualTo("mario@rossi.example");

        assertThat(api.delete(path, tenant.token()).status()).isEqualTo(204);
        assertThat(api.get(path, tenant.token()).status()).isEqualTo(404);
        assertThat(api.get(path, tenant.token()).body().get("code").asString()).isEqualTo("DEVICE_GROUP_NOT_FOUND");
    }

    @Test
    void holdsEachDeviceInOneGroupAtMost() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        long first = group(tenant.token(), "First");
        long second = group(tenant.token(), "Second");
        long sensor = fixtures.device(tenant.token(), template, "Sensor").get("id").asLong();
        long relay = fixtures.device(tenant.token(), template, "Relay").get("id").asLong();

        assertThat(api.put("/rest/v1/device-groups/" + first + "/devices/" + sensor, tenant.token(), Map.of())
                .body().get("deviceCount").asLong()).isEqualTo(1);
        api.put("/rest/v1/device-groups/" + first + "/devices/" + relay, tenant.token(), Map.of());
        assertThat(names(api.get("/rest/v1/device-groups/" + first + "/devices", tenant.token())))
                .containsExactly("Sensor", "Relay");

        api.put("/rest/v1/device-groups/" + second + "/devices/" + sensor, tenant.token(), Map.of());
        assertThat(names(api.get("/rest/v1/device-groups/" + first + "/devices", tenant.token()))).containsExactly("Relay");
        assertThat(names(api.get("/rest/v1/device-groups/" + second + "/devices", tenant.token()))).containsExactly("Sensor");

        Api.Response removed = api.delete("/rest/v1/device-groups/" + first + "/devices/" + relay, tenant.token());
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().get("deviceCount").asLong()).isZero();
        assertThat(api.delete("/rest/v1/device-groups/" + first + "/devices/" + relay, tenant.token()).status())
                .as("a device that is not in the group").isEqualTo(404);

        api.delete("/rest/v1/device-groups/" + second, tenant.token());
        assertThat(api.get("/rest/v1/devices/" + sensor, tenant.token()).status()).as("devices outlive their group")
                .isEqualTo(200);
    }

    @Test
    void rejectsBadFieldsAndChangesNothing() {
        Fixtures.Tenant tenant = fixtures.tenant();
        long id = group(tenant.token(), "Kept");
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("name", ""), Map.<String, Object>of("name", "x".repeat(101)),
                Map.<String, Object>of("name", "Ok", "email", "not-an-email"),
                Map.<String, Object>of("name", "Ok", "telephone", "call me maybe"))) {
            Api.Response response = api.post("/rest/v1/device-groups", tenant.token(), bad);
            assertThat(response.status()).as(bad.toString()).isEqualTo(400);
            assertThat(response.body().get("code").asString()).isEqualTo("VALIDATION_FAILED");
            assertThat(api.patch("/rest/v1/device-groups/" + id, tenant.token(), bad).status()).isEqualTo(400);
        }
        assertThat(api.post("/rest/v1/device-groups", tenant.token(), "{\"name\": ").status()).isEqualTo(400);
        assertThat(names(api.get("/rest/v1/device-groups", tenant.token()))).containsExactly("Kept");
        assertThat(api.get("/rest/v1/device-groups/" + id, tenant.token()).body().get("email").isNull()).isTrue();
    }

    @Test
    void keepsGroupsAndTheirDevicesWithinTheTenant() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Fixtures.Tenant stranger = fixtures.tenant();
        long id = group(tenant.token(), "Private");
        long strangerDevice = fixtures.device(stranger.token(), fixtures.template(stranger.token()), "Theirs")
                .get("id").asLong();
        long ownDevice = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Mine").get("id").asLong();
        api.put("/rest/v1/device-groups/" + id + "/devices/" + ownDevice, tenant.token(), Map.of());

        Api.Response missing = api.get("/rest/v1/device-groups/999999999", stranger.token());
        Api.Response foreign = api.get("/rest/v1/device-groups/" + id, stranger.token());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().get("detail").asString()).isEqualTo(missing.body().get("detail").asString()
                .replace("999999999", Long.toString(id)));
        assertThat(api.get("/rest/v1/device-groups/" + id + "/devices", stranger.token()).status()).isEqualTo(404);
        assertThat(api.patch("/rest/v1/device-groups/" + id, stranger.token(), Map.of("name", "Hijacked")).status())
                .isEqualTo(404);
        assertThat(api.delete("/rest/v1/device-groups/" + id, stranger.token()).status()).isEqualTo(404);
        assertThat(api.put("/rest/v1/device-groups/" + id + "/devices/" + strangerDevice, tenant.token(), Map.of()).status())
                .as("another tenant's device cannot be added").isEqualTo(404);
        assertThat(names(api.get("/rest/v1/device-groups", stranger.token()))).isEmpty();

        JsonNode kept = api.get("/rest/v1/device-groups/" + id, tenant.token()).body();
        assertThat(kept.get("name").asString()).isEqualTo("Private");
        assertThat(kept.get("deviceCount").asLong()).isEqualTo(1);
    }

    @Test
    void showsUsersWithOwnDevicesViewOnlyTheirOwnGroupsAndDevices() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        long member = fixtures.user(tenant.token(), tenant.organizationId(), List.of("OWN_DEVICES_VIEW"));
        String memberToken = fixtures.token(tenant.token(), member);
        long theirs = api.post("/rest/v1/device-groups", tenant.token(), Map.of("name", "Theirs", "ownerUserId", member))
                .body().get("id").asLong();
        group(tenant.token(), "Admin's");
        long owned = fixtures.device(tenant.token(), Map.of("name", "Owned", "templateId", template, "ownerUserId", member))
                .get("id").asLong();
        long other = fixtures.device(tenant.token(), template, "Other").get("id").asLong();
        api.put("/rest/v1/device-groups/" + theirs + "/devices/" + owned, tenant.token(), Map.of());
        api.put("/rest/v1/device-groups/" + theirs + "/devices/" + other, tenant.token(), Map.of());

        assertThat(names(api.get("/rest/v1/device-groups", memberToken))).containsExactly("Theirs");
        assertThat(names(api.get("/rest/v1/device-groups/" + theirs + "/devices", memberToken))).containsExactly("Owned");
        assertThat(api.post("/rest/v1/device-groups", memberToken, Map.of("name", "Nope")).status()).isEqualTo(403);
    }

    private long group(String token, String name) {
        Api.Response created = api.post("/rest/v1/device-groups", token, Map.of("name", name));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    private static List<String> names(Api.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.body().get("content").forEach(item -> names.add(item.get("name").asString()));
        return names;
    }
}
