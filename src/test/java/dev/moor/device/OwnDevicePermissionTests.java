package dev.moor.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;

/** The Blynk.Cloud rule: OWN_DEVICES_VIEW without ORG_DEVICES_VIEW sees and acts only on owned devices. */
class OwnDevicePermissionTests extends MoorIntegrationTest {

    @Test
    void aUserWithOwnDevicesViewSeesAndActsOnlyOnItsOwnDevices() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        long owner = fixtures.user(tenant.token(), tenant.organizationId(),
                List.of("OWN_DEVICES_VIEW", "ORG_DEVICES_EDIT", "ORG_DEVICES_DELETE"));
        String ownerToken = fixtures.token(tenant.token(), owner);
        long mine = fixtures.device(tenant.token(), Map.of("name", "Mine", "templateId", template, "ownerUserId", owner))
                .get("id").asLong();
        long theirs = fixtures.device(tenant.token(), template, "Theirs").get("id").asLong();

        Api.Response list = api.get("/rest/v1/devices", ownerToken);
        assertThat(list.body().get("totalElements").asLong()).isEqualTo(1);
        assertThat(list.body().get("content").get(0).get("id").asLong()).isEqualTo(mine);

        assertThat(api.get("/rest/v1/devices/" + mine, ownerToken).status()).isEqualTo(200);
        assertThat(api.get("/rest/v1/devices/" + theirs, ownerToken).status()).isEqualTo(404);
        assertThat(api.patch("/rest/v1/devices/" + theirs, ownerToken, Map.of("name", "Stolen")).status()).isEqualTo(404);
        assertThat(api.delete("/rest/v1/devices/" + theirs, ownerToken).status()).isEqualTo(404);
        assertThat(api.patch("/rest/v1/devices/" + mine, ownerToken, Map.of("name", "Still Mine")).status()).isEqualTo(200);

        assertThat(api.get("/rest/v1/devices/" + theirs, tenant.token()).body().get("name").asString()).isEqualTo("Theirs");
    }

    @Test
    void orgDevicesViewSeesEveryDeviceOfTheOrganization() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        long viewer = fixtures.user(tenant.token(), tenant.organizationId(), List.of("ORG_DEVICES_VIEW", "OWN_DEVICES_VIEW"));
        String viewerToken = fixtures.token(tenant.token(), viewer);
        fixtures.device(tenant.token(), template, "One");
        long two = fixtures.device(tenant.token(), template, "Two").get("id").asLong();

        assertThat(api.get("/rest/v1/devices", viewerToken).body().get("totalElements").asLong()).isEqualTo(2);
        assertThat(api.get("/rest/v1/devices/" + two, viewerToken).status()).isEqualTo(200);
        Api.Response edit = api.patch("/rest/v1/devices/" + two, viewerToken, Map.of("name", "Renamed"));
        assertThat(edit.status()).isEqualTo(403);
        assertThat(edit.body().get("code").asString()).isEqualTo("PERMISSION_DENIED");
        assertThat(api.delete("/rest/v1/devices/" + two, viewerToken).status()).isEqualTo(403);
        assertThat(api.get("/rest/v1/devices/" + two, tenant.token()).body().get("name").asString()).isEqualTo("Two");
    }

    @Test
    void makingAnotherUserTheOwnerNeedsOrgViewUsers() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        long creator = fixtures.user(tenant.token(), tenant.organizationId(), List.of("ORG_DEVICES_CREATE", "ORG_DEVICES_VIEW"));
        long other = fixtures.user(tenant.token(), tenant.organizationId(), List.of());
        String creatorToken = fixtures.token(tenant.token(), creator);

        Api.Response forOther = api.post("/rest/v1/devices", creatorToken,
                Map.of("name", "Gift", "templateId", template, "ownerUserId", other));
        assertThat(forOther.status()).isEqualTo(403);
        Api.Response forSelf = api.post("/rest/v1/devices", creatorToken,
                Map.of("name", "Own", "templateId", template, "ownerUserId", creator));
        assertThat(forSelf.status()).isEqualTo(201);
        assertThat(api.get("/rest/v1/devices", tenant.token()).body().get("totalElements").asLong()).isEqualTo(1);
    }

    @Test
    void aTokenWithoutAnyDeviceViewPermissionSeesNothing() {
        Fixtures.Tenant tenant = fixtures.tenant();
        long nobody = fixtures.user(tenant.token(), tenant.organizationId(), List.of());
        assertThat(api.get("/rest/v1/devices", fixtures.token(tenant.token(), nobody)).status()).isEqualTo(403);
    }
}
