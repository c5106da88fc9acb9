package dev.moor.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A token reaches its own organization and those below it, never a sibling or a parent: every endpoint,
 * given another tenant's ids, answers 403 or 404 and changes nothing.
 */
class IsolationTests extends MoorIntegrationTest {

    private record Call(String method, String path, Object body) {
    }

    @Test
    void aForeignTokenReachesNothingOfAnotherOrganization() {
        Fixtures.Tenant victim = fixtures.tenant();
        Fixtures.Tenant intruder = fixtures.tenant();
        String template = fixtures.template(victim.token());
        long device = fixtures.device(victim.token(), template, "Victim Device").get("id").asLong();
        long metafield = api.post("/rest/v1/templates/" + template + "/metafields", victim.token(),
                Map.of("name", "Site", "type", "TEXT")).body().get("id").asLong();
        long tag = api.post("/rest/v1/tags", victim.token(), Map.of("name", "vip")).body().get("id").asLong();
        long user = fixtures.user(victim.token(), victim.organizationId(), List.of("ORG_DEVICES_VIEW"));
        long token = api.post("/rest/v1/tokens", victim.token(), Map.of("userId", user)).body().get("id").asLong();
        String before = snapshot(victim, device, template);

        List<Call> calls = List.of(
                new Call("GET", "/rest/v1/organizations/" + victim.organizationId(), null),
                new Call("PATCH", "/rest/v1/organizations/" + victim.organizationId(), Map.of("name", "Owned")),
                new Call("DELETE", "/rest/v1/organizations/" + victim.organizationId(), null),
                new Call("POST", "/rest/v1/organizations", Map.of("name", "Inside", "parentId", victim.organizationId())),
                new Call("GET", "/rest/v1/users/" + user, null),
                new Call("GET", "/rest/v1/users?organizationId=" + victim.organizationId(), null),
                new Call("PATCH", "/rest/v1/users/" + user, Map.of("name", "Owned")),
                new Call("DELETE", "/rest/v1/users/" + user, null),
                new Call("POST", "/rest/v1/users", Map.of("email", Fixtures.unique() + "@example.com", "name", "Plant",
                        "organizationId", victim.organizationId(), "permissions", List.of())),
                new Call("POST", "/rest/v1/tokens", Map.of("userId", user)),
                new Call("POST", "/rest/v1/tokens", Map.of("organizationId", victim.organizationId())),
                new Call("DELETE", "/rest/v1/tokens/" + token, null),
                new Call("GET", "/rest/v1/templates/" + template, null),
                new Call("PATCH", "/rest/v1/templates/" + template, Map.of("name", "Owned")),
                new Call("DELETE", "/rest/v1/templates/" + template, null),
                new Call("GET", "/rest/v1/templates/" + template + "/metafields", null),
                new Call("POST", "/rest/v1/templates/" + template + "/metafields", Map.of("name", "X", "type", "TEXT")),
                new Call("PATCH", "/rest/v1/templates/" + template + "/metafields/" + metafield, Map.of("name", "Y")),
                new Call("DELETE", "/rest/v1/templates/" + template + "/metafields/" + metafield, null),
                new Call("GET", "/rest/v1/tags/" + tag, null),
                new Call("PATCH", "/rest/v1/tags/" + tag, Map.of("name", "owned")),
                new Call("DELETE", "/rest/v1/tags/" + tag, null),
                new Call("POST", "/rest/v1/tags", Map.of("name", "planted", "organizationId", victim.organizationId())),
                new Call("GET", "/rest/v1/devices/" + device, null),
                new Call("GET", "/rest/v1/devices?organizationId=" + victim.organizationId(), null),
                new Call("PATCH", "/rest/v1/devices/" + device, Map.of("name", "Owned")),
                new Call("DELETE", "/rest/v1/devices/" + device, null),
                new Call("GET", "/rest/v1/devices/" + device + "/metafields", null),
                new Call("PUT", "/rest/v1/devices/" + device + "/metafields/" + metafield, Map.of("value", "owned")),
                new Call("GET", "/rest/v1/devices/" + device + "/org-tags", null),
                new Call("PUT", "/rest/v1/devices/" + device + "/org-tags/" + tag, null),
                new Call("POST", "/rest/v1/devices", Map.of("name", "Planted", "templateId", template)),
                new Call("POST", "/rest/v1/devices", Map.of("name", "Planted", "templateId", template,
                        "organizationId", victim.organizationId())));

        for (Call call : calls) {
            Api.Response response = api.send(call.method(), call.path(), intruder.token(), call.body(), "application/json");
            assertThat(response.status()).as(call.method() + " " + call.path() + " -> " + response.text()).isIn(403, 404);
            assertThat(response.text()).doesNotContain("Victim Device");
        }

        assertThat(api.get("/rest/v1/devices", intruder.token()).body().get("totalElements").asLong()).isZero();
        assertThat(snapshot(victim, device, template)).isEqualTo(before);
        assertThat(api.get("/rest/v1/tokens?size=1000", victim.token()).body().get("content").valueStream()
                .filter(listed -> listed.get("id").asLong() == token).findFirst().orElseThrow()
                .get("revokedAt").isNull()).isTrue();
    }

    @Test
    void aSubOrganizationCannotReachItsParentButTheParentReachesItsChildren() {
        Fixtures.Tenant parent = fixtures.tenant();
        Fixtures.Tenant child = fixtures.tenant(parent.organizationId());
        Fixtures.Tenant sibling = fixtures.tenant(parent.organizationId());
        String template = fixtures.template(parent.token());
        long parentDevice = fixtures.device(parent.token(), template, "Parent Device").get("id").asLong();
        long childDevice = fixtures.device(child.token(), template, "Child Device").get("id").asLong();

        assertThat(api.get("/rest/v1/devices/" + parentDevice, child.token()).status()).isEqualTo(404);
        assertThat(api.get("/rest/v1/devices/" + childDevice, sibling.token()).status()).isEqualTo(404);
        assertThat(api.get("/rest/v1/organizations/" + parent.organizationId(), child.token()).status()).isEqualTo(404);

        assertThat(api.get("/rest/v1/devices/" + childDevice, parent.token()).status()).isEqualTo(200);
        assertThat(api.get("/rest/v1/devices", parent.token()).body().get("totalElements").asLong()).isEqualTo(1);
        assertThat(api.get("/rest/v1/devices?includeSubOrganizations=true", parent.token()).body()
                .get("totalElements").asLong()).isEqualTo(2);
        assertThat(api.get("/rest/v1/devices?organizationId=" + child.organizationId(), parent.token()).body()
                .get("totalElements").asLong()).isEqualTo(1);
    }

    @Test
    void anOrganizationWithDevicesCannotBeDeleted() {
        Fixtures.Tenant parent = fixtures.tenant();
        Fixtures.Tenant child = fixtures.tenant(parent.organizationId());
        fixtures.device(child.token(), fixtures.template(child.token()), "Keeps It");
        Api.Response delete = api.delete("/rest/v1/organizations/" + child.organizationId(), parent.token());
        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.body().get("code").asString()).isEqualTo("ORGANIZATION_NOT_EMPTY");
        assertThat(api.get("/rest/v1/organizations/" + child.organizationId(), parent.token()).status()).isEqualTo(200);
    }

    private String snapshot(Fixtures.Tenant victim, long device, String template) {
        JsonNode state = Api.JSON.createObjectNode()
                .set("organization", api.get("/rest/v1/organizations/" + victim.organizationId(), victim.token()).body())
                .set("users", api.get("/rest/v1/users?size=1000", victim.token()).body())
                .set("template", api.get("/rest/v1/templates/" + template, victim.token()).body())
                .set("metafields", api.get("/rest/v1/templates/" + template + "/metafields", victim.token()).body())
                .set("tags", api.get("/rest/v1/tags", victim.token()).body())
                .set("devices", api.get("/rest/v1/devices", victim.token()).body())
                .set("device", api.get("/rest/v1/devices/" + device, victim.token()).body())
                .set("deviceMetafields", api.get("/rest/v1/devices/" + device + "/metafields", victim.token()).body())
                .set("deviceTags", api.get("/rest/v1/devices/" + device + "/org-tags", victim.token()).body())
                .set("organizations", api.get("/rest/v1/organizations", victim.token()).body());
        return state.toString();
    }
}
