package dev.moor.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * Builds what a test needs through the public API, with unique names so tests sharing one Moor never
 * collide. Every call asserts its own success, so a broken fixture fails loudly where it is used.
 */
public final class Fixtures {

    private final Api api;

    public Fixtures(Api api) {
        this.api = api;
    }

    /** An organization with its own tenant admin token (every permission), below the root or a given parent. */
    public record Tenant(long organizationId, String token, long adminUserId) {
    }

    public Tenant tenant() {
        return tenant(null);
    }

    public Tenant tenant(Long parentId) {
        Api.Response org = api.post("/rest/v1/organizations", MoorIntegrationTest.ADMIN_TOKEN,
                parentId == null ? Map.of("name", "org-" + unique()) : Map.of("name", "org-" + unique(), "parentId", parentId));
        assertThat(org.status()).as(org.text()).isEqualTo(201);
        long organizationId = org.body().get("id").asLong();
        long admin = user(MoorIntegrationTest.ADMIN_TOKEN, organizationId, allPermissions());
        return new Tenant(organizationId, token(MoorIntegrationTest.ADMIN_TOKEN, admin), admin);
    }

    public long user(String token, long organizationId, List<String> permissions) {
        Api.Response user = api.post("/rest/v1/users", token, Map.of("email", unique() + "@example.com",
                "name", "User " + unique(), "organizationId", organizationId, "permissions", permissions));
        assertThat(user.status()).as(user.text()).isEqualTo(201);
        return user.body().get("id").asLong();
    }

    public String token(String token, long userId) {
        Api.Response created = api.post("/rest/v1/tokens", token, Map.of("userId", userId));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("token").asString();
    }

    public String template(String token) {
        Api.Response template = api.post("/rest/v1/templates", token, Map.of("name", "Template " + unique(),
                "datastreams", List.of(Map.of("name", "temperature", "type", "DOUBLE", "min", -40, "max", 85),
                        Map.of("name", "humidity", "type", "INTEGER", "min", 0, "max", 100),
                        Map.of("name", "label", "type", "STRING"))));
        assertThat(template.status()).as(template.text()).isEqualTo(201);
        return template.body().get("id").asString();
    }

    public JsonNode device(String token, String templateId, String name) {
        return device(token, Map.of("name", name, "templateId", templateId));
    }

    public JsonNode device(String token, Map<String, Object> body) {
        Api.Response device = api.post("/rest/v1/devices", token, body);
        assertThat(device.status()).as(device.text()).isEqualTo(201);
        return device.body();
    }

    public static List<String> allPermissions() {
        return List.of("ORG_DEVICES_VIEW", "OWN_DEVICES_VIEW", "ORG_DEVICES_CREATE", "ORG_DEVICES_EDIT",
                "ORG_DEVICES_DELETE", "ORG_DEVICES_CONTROL", "TRANSFER_DEVICE", "ORG_VIEW", "ORG_VIEW_USERS",
                "VIEW_TIMELINE", "VIEW_OWN_ORG_TAG", "ORG_DEVICE_VIEW_ACTION_LOG", "ORG_DEVICE_DATA_DELETE", "ORG_EDIT",
                "ORG_USERS_EDIT", "TEMPLATES_VIEW", "TEMPLATES_EDIT", "ORG_TAGS_EDIT", "TOKENS_MANAGE");
    }

    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
