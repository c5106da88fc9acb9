package dev.moor.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.moor.auth.TokenService;
import dev.moor.shared.Caller;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.UserId;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/** Owners, transfers, activation and the owner-based listings, through Moor's own API and events. */
@RecordApplicationEvents
class DeviceOwnershipApiTests extends MoorIntegrationTest {

    @Autowired
    DeviceService devices;

    @Autowired
    TokenService tokens;

    @Autowired
    ApplicationEvents events;

    @Test
    void transfersToAnOwnerAndRemovesTheOwner() {
        Fixtures.Tenant tenant = fixtures.tenant();
        long id = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Heater").get("id").asLong();
        long owner = fixtures.user(tenant.token(), tenant.organizationId(), List.of("OWN_DEVICES_VIEW"));

        Api.Response transferred = api.post("/rest/v1/devices/" + id + "/transfer/owner", tenant.token(), Map.of("ownerUserId", owner));
        assertThat(transferred.status()).as(transferred.text()).isEqualTo(200);
        assertThat(transferred.body().get("ownerUserId").asLong()).isEqualTo(owner);

        Api.Response again = api.post("/rest/v1/devices/" + id + "/transfer/owner", tenant.token(), Map.of("ownerUserId", owner));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().get("code").asString()).isEqualTo("VALIDATION_FAILED");
        Api.Response inactive = api.post("/rest/v1/users", tenant.token(), Map.of("email", Fixtures.unique() + "@example.com",
                "name", "Dormant", "permissions", List.of(), "activated", false));
        Api.Response toInactive = api.post("/rest/v1/devices/" + id + "/transfer/owner", tenant.token(),
                Map.of("ownerUserId", inactive.body().get("id").asLong()));
        assertThat(toInactive.status()).isEqualTo(409);
        assertThat(toInactive.body().get("code").asString()).isEqualTo("USER_NOT_ACTIVATED");
        assertThat(api.post("/rest/v1/devices/" + id + "/transfer/owner", tenant.token(), Map.of()).status()).isEqualTo(400);
        assertThat(api.get("/rest/v1/devices/" + id, tenant.token()).body().get("ownerUserId").asLong()).isEqualTo(owner);

        Api.Response removed = api.delete("/rest/v1/devices/" + id + "/owner", tenant.token());
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().get("ownerUserId").isNull()).isTrue();
    }

    @Test
    void transfersToAnotherOrganizationDroppingOwnerAndTagsThatDoNotReachIt() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        long owner = fixtures.user(tenant.token(), tenant.organizationId(), List.of("OWN_DEVICES_VIEW"));
        long id = fixtures.device(tenant.token(), Map.of("name", "Nomad", "templateId", template, "ownerUserId", owner)).get("id").asLong();
        long sub = api.post("/rest/v1/organizations", tenant.token(), Map.of("name", "sub", "parentId", tenant.organizationId()))
                .body().get("id").asLong();
        long sibling = api.post("/rest/v1/organizations", tenant.token(), Map.of("name", "sibling", "parentId", tenant.organizationId()))
                .body().get("id").asLong();
        long parentTag = api.post("/rest/v1/tags", tenant.token(), Map.of("name", "Fleet")).body().get("id").asLong();
        long subTag = api.post("/rest/v1/tags", tenant.token(), Map.of("name", "Sub Only", "organizationId", sub)).body().get("id").asLong();
        assertThat(api.put("/rest/v1/devices/" + id + "/org-tags/" + parentTag, tenant.token(), Map.of()).status()).isEqualTo(200);
        assertThat(api.post("/rest/v1/devices/" + id + "/transfer/organization", tenant.token(), Map.of("organizationId", sub))
                .status()).isEqualTo(200);
        assertThat(api.put("/rest/v1/devices/" + id + "/org-tags/" + subTag, tenant.token(), Map.of()).status()).isEqualTo(200);

        Api.Response moved = api.post("/rest/v1/devices/" + id + "/transfer/organization", tenant.token(),
                Map.of("organizationId", sibling));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.body().get("organizationId").asLong()).isEqualTo(sibling);
        assertThat(moved.body().get("ownerUserId").isNull()).isTrue();
        JsonNode tags = api.get("/rest/v1/devices/" + id + "/org-tags", tenant.token()).body();
        assertThat(tags.valueStream().map(tag -> tag.get("name").asString()).toList()).containsExactly("Fleet");

        Api.Response foreign = api.post("/rest/v1/devices/" + id + "/transfer/organization", tenant.token(),
                Map.of("organizationId", fixtures.tenant().organizationId()));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().get("code").asString()).isEqualTo("ORGANIZATION_NOT_FOUND");
        assertThat(api.get("/rest/v1/devices/" + id, tenant.token()).body().get("organizationId").asLong()).isEqualTo(sibling);
    }

    @Test
    void refusesAnOrganizationTheTemplateDoesNotServe() {
        Fixtures.Tenant tenant = fixtures.tenant();
        long sub = api.post("/rest/v1/organizations", tenant.token(), Map.of("name", "sub", "parentId", tenant.organizationId()))
                .body().get("id").asLong();
        Api.Response subTemplate = api.post("/rest/v1/templates", tenant.token(), Map.of("name", "Sub template", "organizationId", sub));
        assertThat(subTemplate.status()).as(subTemplate.text()).isEqualTo(201);
        long id = fixtures.device(tenant.token(), Map.of("name", "Local", "templateId", subTemplate.body().get("id").asString(),
                "organizationId", sub)).get("id").asLong();

        Api.Response up = api.post("/rest/v1/devices/" + id + "/transfer/organization", tenant.token(),
                Map.of("organizationId", tenant.organizationId()));
        assertThat(up.status()).isEqualTo(400);
        assertThat(up.body().get("detail").asString()).contains("does not serve");
        assertThat(api.get("/rest/v1/devices/" + id, tenant.token()).body().get("organizationId").asLong()).isEqualTo(sub);
    }

    @Test
    void publishesOwnerChangedTransferredAndActivatedEvents() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Caller caller = tokens.authenticate(tenant.token());
        long owner = fixtures.user(tenant.token(), tenant.organizationId(), List.of("OWN_DEVICES_VIEW"));
        DeviceId id = new DeviceId(fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Evented").get("id").asLong());
        OrganizationId sub = new OrganizationId(api.post("/rest/v1/organizations", tenant.token(),
                Map.of("name", "sub", "parentId", tenant.organizationId())).body().get("id").asLong());

        devices.transferToOwner(caller, id, new UserId(owner));
        devices.transferToOrganization(caller, id, sub);
        devices.recordOnline(id, Instant.now());
        devices.recordOnline(id, Instant.now());

        List<DeviceOwnerChanged> ownerChanges = events.stream(DeviceOwnerChanged.class).filter(e -> e.device().equals(id)).toList();
        assertThat(ownerChanges).hasSize(2);
        assertThat(ownerChanges.get(0).previousOwner()).isEmpty();
        assertThat(ownerChanges.get(0).newOwner()).contains(new UserId(owner));
        assertThat(ownerChanges.get(0).by()).contains(new UserId(tenant.adminUserId()));
        assertThat(ownerChanges.get(1).previousOwner()).contains(new UserId(owner));
        assertThat(ownerChanges.get(1).newOwner()).isEmpty();
        DeviceTransferred transferred = events.stream(DeviceTransferred.class).filter(e -> e.device().equals(id)).findFirst().orElseThrow();
        assertThat(transferred.from()).isEqualTo(new OrganizationId(tenant.organizationId()));
        assertThat(transferred.to()).isEqualTo(sub);
        assertThat(events.stream(DeviceActivated.class).filter(e -> e.device().equals(id)).toList()).hasSize(1);
    }

    @Test
    void listsLastActivatedDevicesAndDevicesByOwnerOrAccess() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        long owner = fixtures.user(tenant.token(), tenant.organizationId(), List.of("OWN_DEVICES_VIEW"));
        String email = api.get("/rest/v1/users/" + owner, tenant.token()).body().get("email").asString();
        long owned = fixtures.device(tenant.token(), Map.of("name", "Owned", "templateId", template, "ownerUserId", owner))
                .get("id").asLong();
        fixtures.device(tenant.token(), template, "Other");
        devices.recordOnline(new DeviceId(owned), Instant.now());

        Api.Response recent = api.get("/rest/v1/devices/last-activated?minutes=10", tenant.token());
        assertThat(recent.status()).as(recent.text()).isEqualTo(200);
        assertThat(recent.body().valueStream().map(device -> device.get("name").asString()).toList()).containsExactly("Owned");
        assertThat(recent.body().get(0).get("activatedAt").isNull()).isFalse();
        assertThat(api.get("/rest/v1/devices/last-activated?minutes=0", tenant.token()).status()).isEqualTo(400);
        assertThat(api.get("/rest/v1/devices/last-activated?minutes=1441", tenant.token()).status()).isEqualTo(400);

        Api.Response byOwner = api.get("/rest/v1/devices/by-owner?email=" + email, tenant.token());
        assertThat(byOwner.body().get("totalElements").asLong()).isEqualTo(1);
        assertThat(byOwner.body().get("content").get(0).get("name").asString()).isEqualTo("Owned");
        Api.Response accessible = api.get("/rest/v1/devices/accessible-by?email=" + email, tenant.token());
        assertThat(accessible.body().get("totalElements").asLong()).isEqualTo(1);
        assertThat(api.get("/rest/v1/devices/by-owner?email=nobody@example.com", tenant.token()).status()).isEqualTo(404);
        assertThat(Optional.ofNullable(api.get("/rest/v1/devices/accessible-by", tenant.token()).body().get("code"))
                .map(JsonNode::asString)).contains("MALFORMED_REQUEST");
    }
}
