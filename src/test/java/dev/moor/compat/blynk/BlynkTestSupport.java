package dev.moor.compat.blynk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import tools.jackson.databind.JsonNode;

/** What the Blynk tests build through the public APIs: members with chosen permissions, devices, templates. */
final class BlynkTestSupport {

    static final String BASE = "/api/v1/organization";

    private final Api api;
    private final Fixtures fixtures;

    BlynkTestSupport(Api api, Fixtures fixtures) {
        this.api = api;
        this.fixtures = fixtures;
    }

    /** A user of an organization, with its email and a user-scoped token. */
    record Member(long id, String email, String token) {
    }

    Member member(Fixtures.Tenant tenant, String... permissions) {
        return member(tenant, tenant.organizationId(), true, permissions);
    }

    Member member(Fixtures.Tenant tenant, long organizationId, boolean activated, String... permissions) {
        String email = "member-" + Fixtures.unique() + "@example.com";
        Api.Response user = api.post("/rest/v1/users", tenant.token(), Map.of("email", email, "name", "Member",
                "organizationId", organizationId, "permissions", List.of(permissions), "activated", activated));
        assertThat(user.status()).as(user.text()).isEqualTo(201);
        long id = user.body().get("id").asLong();
        return new Member(id, email, activated ? fixtures.token(tenant.token(), id) : null);
    }

    /** Creates a device through Blynk's create endpoint and returns the details. */
    JsonNode create(String token, String templateId, String name) {
        return create(token, Map.of("templateId", templateId, "name", name));
    }

    JsonNode create(String token, Map<String, Object> body) {
        Api.Response created = api.post(BASE + "/device/create", token, body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body();
    }

    JsonNode createOwned(String token, String templateId, String name, long ownerId) {
        Map<String, Object> body = new HashMap<>();
        body.put("templateId", templateId);
        body.put("name", name);
        body.put("ownerId", ownerId);
        return create(token, body);
    }

    long templateNumber(String token, String templateId) {
        Api.Response template = api.get("/rest/v1/templates/" + templateId, token);
        assertThat(template.status()).as(template.text()).isEqualTo(200);
        return template.body().get("number").asLong();
    }

    /** The core's view of a device, through Moor's own API. */
    JsonNode core(String token, long deviceId) {
        Api.Response device = api.get("/rest/v1/devices/" + deviceId, token);
        assertThat(device.status()).as(device.text()).isEqualTo(200);
        return device.body();
    }

    long suborganization(long parentId) {
        Api.Response org = api.post("/rest/v1/organizations", dev.moor.support.MoorIntegrationTest.ADMIN_TOKEN,
                Map.of("name", "sub-" + Fixtures.unique(), "parentId", parentId));
        assertThat(org.status()).as(org.text()).isEqualTo(201);
        return org.body().get("id").asLong();
    }

    static void assertBlynkError(Api.Response response, int status, String message) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.body().path("error").path("message").asString()).as(response.text()).contains(message);
        assertThat(response.text()).doesNotContain("Exception", "at dev.moor", "\"code\"");
    }

    static List<String> names(Api.Response page) {
        return page.body().get("content").valueStream().map(device -> device.get("name").asString()).toList();
    }
}
