package dev.moor.compat.blynk;

import static dev.moor.compat.blynk.BlynkTestSupport.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One scenario through Moor's own API and through the Blynk dialect leaves the same core state. */
class BlynkParityTests extends MoorIntegrationTest {

    @Test
    void theSameScenarioThroughBothSurfacesLeavesTheSameCoreState() {
        Fixtures.Tenant tenant = fixtures.tenant();
        BlynkTestSupport blynk = new BlynkTestSupport(api, fixtures);
        Api.Response created = api.post("/rest/v1/templates", tenant.token(), Map.of("name", "Parity " + Fixtures.unique(),
                "datastreams", List.of(Map.of("name", "target", "type", "DOUBLE")),
                "events", List.of(Map.of("code", "door_open", "level", "WARNING"))));
        String template = created.body().get("id").asString();
        Api.Response field = api.post("/rest/v1/templates/" + template + "/metafields", tenant.token(),
                Map.of("name", "Serial", "type", "TEXT"));
        long serial = field.body().get("id").asLong();
        long firstOwner = fixtures.user(tenant.token(), tenant.organizationId(), List.of("OWN_DEVICES_VIEW"));
        long sub = blynk.suborganization(tenant.organizationId());
        long finalOwner = fixtures.user(tenant.token(), sub, List.of("OWN_DEVICES_VIEW"));
        String token = tenant.token();

        // Moor's own API.
        long moor = fixtures.device(token, template, "Parity Probe").get("id").asLong();
        ok(api.patch("/rest/v1/devices/" + moor, token, Map.of("name", "Parity Renamed")));
        ok(api.put("/rest/v1/devices/" + moor + "/metafields/" + serial, token, Map.of("value", "SN-1")));
        ok(api.post("/rest/v1/devices/" + moor + "/transfer/owner", token, Map.of("ownerUserId", firstOwner)));
        ok(api.delete("/rest/v1/devices/" + moor + "/owner", token));
        ok(api.post("/rest/v1/devices/" + moor + "/transfer/owner", token, Map.of("ownerUserId", firstOwner)));
        ok(api.post("/rest/v1/devices/" + moor + "/transfer/organization", token, Map.of("organizationId", sub)));
        ok(api.post("/rest/v1/devices/" + moor + "/transfer/owner", token, Map.of("ownerUserId", finalOwner)));
        ok(api.put("/rest/v1/devices/" + moor + "/datastreams/target", token, Map.of("value", 20)));
        ok(api.delete("/rest/v1/devices/" + moor + "/datastreams", token));
        ok(api.post("/rest/v1/devices/" + moor + "/events", token, Map.of("code", "door_open", "description", "front")));

        // The Blynk dialect.
        long viaBlynk = blynk.create(token, template, "Parity Probe").get("id").asLong();
        ok(api.put(BASE + "/device?deviceId=" + viaBlynk, token, Map.of("name", "Parity Renamed")));
        ok(api.post(BASE + "/device/metafield", token, Map.of("deviceId", viaBlynk, "metaFieldId", serial, "newValue", "SN-1")));
        ok(api.post(BASE + "/device/transfer/to-owner", token, Map.of("deviceId", viaBlynk, "newOwnerUserId", firstOwner)));
        ok(api.delete(BASE + "/device/owner?deviceId=" + viaBlynk, token));
        ok(api.post(BASE + "/device/transfer/to-owner", token, Map.of("deviceId", viaBlynk, "newOwnerUserId", firstOwner)));
        ok(api.post(BASE + "/device/transfer/to-organization", token, Map.of("deviceId", viaBlynk, "newOrgId", sub)));
        ok(api.post(BASE + "/device/transfer/to-owner", token, Map.of("deviceId", viaBlynk, "newOwnerUserId", finalOwner)));
        ok(api.put("/rest/v1/devices/" + viaBlynk + "/datastreams/target", token, Map.of("value", 20)));
        ok(api.delete(BASE + "/device/clear?deviceId=" + viaBlynk, token));
        ok(api.post(BASE + "/device/trigger-event", token, Map.of("deviceId", viaBlynk, "eventCode", "door_open",
                "eventDescription", "front")));

        assertThat(state(token, viaBlynk)).isEqualTo(state(token, moor));
        assertThat(state(token, moor).get("organizationId").asLong()).isEqualTo(sub);
        assertThat(state(token, moor).get("ownerUserId").asLong()).isEqualTo(finalOwner);
        assertThat(api.get("/rest/v1/devices/" + moor + "/metafields", token).body())
                .isEqualTo(api.get("/rest/v1/devices/" + viaBlynk + "/metafields", token).body());
        assertThat(timeline(token, viaBlynk)).isEqualTo(timeline(token, moor));
        assertThat(timeline(token, moor)).hasSize(2);
        assertThat(api.get("/rest/v1/devices/" + moor + "/datastreams", token).body()).isEmpty();
        assertThat(api.get("/rest/v1/devices/" + viaBlynk + "/datastreams", token).body()).isEmpty();
        // And the Blynk view of both is the same, but for the id and token.
        JsonNode moorAsBlynk = api.get(BASE + "/device?deviceId=" + moor, token).body();
        JsonNode blynkAsBlynk = api.get(BASE + "/device?deviceId=" + viaBlynk, token).body();
        for (String property : List.of("name", "templateId", "orgId", "ownerUserId", "metaFieldValues")) {
            assertThat(blynkAsBlynk.get(property)).as(property).isEqualTo(moorAsBlynk.get(property));
        }
    }

    /** The core state a user would notice, without what differs by nature (ids, uid, token, times). */
    private JsonNode state(String token, long id) {
        ObjectNode device = (ObjectNode) api.get("/rest/v1/devices/" + id, token).body();
        for (String field : List.of("id", "uid", "token", "createdAt", "updatedAt")) {
            device.remove(field);
        }
        return device;
    }

    /** The timeline's entries without their ids and times. */
    private List<JsonNode> timeline(String token, long id) {
        return api.get("/rest/v1/devices/" + id + "/timeline", token).body().get("content").valueStream()
                .map(entry -> (JsonNode) ((ObjectNode) entry).without(List.of("id", "ts"))).toList();
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as(response.text()).isBetween(200, 204);
    }
}
