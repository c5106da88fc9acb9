package dev.moor.compat.losant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import tools.jackson.databind.JsonNode;

/** A tenant with its Losant application id, and helpers for the Losant paths. */
record LosantTenant(Fixtures.Tenant tenant, String applicationId, Api api) {

    static LosantTenant create(Api api, Fixtures fixtures) {
        Fixtures.Tenant tenant = fixtures.tenant();
        Api.Response organization = api.get("/rest/v1/organizations/" + tenant.organizationId(), tenant.token());
        assertThat(organization.status()).as(organization.text()).isEqualTo(200);
        return new LosantTenant(tenant, organization.body().get("applicationId").asString(), api);
    }

    String token() {
        return tenant.token();
    }

    String devices() {
        return "/applications/" + applicationId + "/devices";
    }

    String device(String deviceId) {
        return devices() + "/" + deviceId;
    }

    JsonNode createDevice(String name, Map<String, String> tags, String deviceClass) {
        Api.Response created = api.post(devices(), token(), Map.of("name", name, "deviceClass", deviceClass,
                "tags", tags.entrySet().stream().map(tag -> Map.of("key", tag.getKey(), "value", tag.getValue())).toList(),
                "attributes", List.of(Map.of("name", "voltage", "dataType", "number"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body();
    }

    /** A token of a new user with every permission, restricted to the given Losant scopes. */
    String scopedToken(Fixtures fixtures, String... scopes) {
        long user = fixtures.user(token(), tenant.organizationId(), Fixtures.allPermissions());
        Api.Response created = api.post("/rest/v1/tokens", token(), Map.of("userId", user, "scopes", List.of(scopes)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("token").asString();
    }

    long count() {
        return api.get(devices(), token()).body().get("totalCount").asLong();
    }
}
