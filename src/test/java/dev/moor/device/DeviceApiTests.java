package dev.moor.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DeviceApiTests extends MoorIntegrationTest {

    @Test
    void createsReadsUpdatesAndDeletesADevice() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());

        JsonNode created = fixtures.device(tenant.token(), Map.of("name", "Kitchen Sensor", "templateId", template,
                "description", "by the back door", "tags", List.of(Map.of("key", "floor", "value", "1")),
                "deviceClass", "gateway", "attributes", List.of(Map.of("name", "temperature", "dataType", "number"))));

        assertThat(created.get("id").asLong()).isPositive();
        assertThat(created.get("uid").asString()).matches("device_[A-Za-z0-9]{12}");
        assertThat(created.get("token").asString()).matches("[A-Za-z0-9_-]{32}");
        assertThat(created.get("templateId").asString()).isEqualTo(template);
        assertThat(created.get("organizationId").asLong()).isEqualTo(tenant.organizationId());
        assertThat(created.get("deviceClass").asString()).isEqualTo("gateway");
        assertThat(created.get("status").asString()).isEqualTo("pending");
        assertThat(created.get("tags").get(0).get("key").asString()).isEqualTo("floor");

        String path = "/rest/v1/devices/" + created.get("id").asLong();
        Api.Response read = api.get(path, tenant.token());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("uid").asString()).isEqualTo(created.get("uid").asString());
        assertThat(read.body().get("token").asString()).isEqualTo(created.get("token").asString());

        Api.Response patched = api.patch(path, tenant.token(), Map.of("name", "Pantry Sensor", "meta", Map.of("room", "pantry")));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.body().get("name").asString()).isEqualTo("Pantry Sensor");
        assertThat(patched.body().get("description").asString()).isEqualTo("by the back door");
        assertThat(patched.body().get("meta").get("room").asString()).isEqualTo("pantry");
        JsonNode changes = api.get(path + "/timeline?eventType=METADATA_CHANGED", tenant.token()).body().get("content");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).get("data").get("fields").valueStream().map(JsonNode::asString))
                .containsExactly("name", "meta");

        assertThat(api.delete(path, tenant.token()).status()).isEqualTo(204);
        assertThat(api.get(path, tenant.token()).status()).isEqualTo(404);
    }

    @Test
    void pagesSortsAndSearchesDevices() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        for (String name : List.of("Charlie", "alpha", "Bravo", "Delta", "Echo")) {
            fixtures.device(tenant.token(), Map.of("name", name, "templateId", template,
                    "description", name.equals("Delta") ? "greenhouse probe" : "plain",
                    "tags", List.of(Map.of("key", "zone", "value", name.length() == 5 ? "north" : "south"))));
        }

        Api.Response firstPage = api.get("/rest/v1/devices?sort=name&size=2&page=0", tenant.token());
        assertThat(firstPage.body().get("totalElements").asLong()).isEqualTo(5);
        assertThat(names(firstPage)).containsExactly("alpha", "Bravo");
        assertThat(firstPage.body().get("size").asInt()).isEqualTo(2);
        assertThat(names(api.get("/rest/v1/devices?sort=name&size=2&page=2", tenant.token()))).containsExactly("Echo");
        assertThat(names(api.get("/rest/v1/devices?sort=name,desc&size=2", tenant.token()))).containsExactly("Echo", "Delta");

        assertThat(names(api.get("/rest/v1/devices?q=ALP", tenant.token()))).containsExactly("alpha");
        assertThat(names(api.get("/rest/v1/devices?q=greenhouse", tenant.token()))).containsExactly("Delta");
        assertThat(names(api.get("/rest/v1/devices?tag=zone:north&sort=name", tenant.token())))
                .containsExactly("alpha", "Bravo", "Delta");
        assertThat(api.get("/rest/v1/devices?tag=zone", tenant.token()).body().get("totalElements").asLong()).isEqualTo(5);
        assertThat(api.get("/rest/v1/devices?size=20", tenant.token()).body().get("size").asInt()).isEqualTo(20);
        assertThat(api.get("/rest/v1/devices", tenant.token()).body().get("size").asInt()).isEqualTo(50);
    }

    @Test
    void rejectsPageSizesOverOneThousand() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Api.Response response = api.get("/rest/v1/devices?size=1001", tenant.token());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/rest/v1/devices?size=1000", tenant.token()).status()).isEqualTo(200);
    }

    @Test
    void enforcesTheDeviceNameRule() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        for (String bad : List.of("", "a/b", "x".repeat(51), "emoji 😀", "semi;colon")) {
            Api.Response response = api.post("/rest/v1/devices", tenant.token(), Map.of("name", bad, "templateId", template));
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.body().get("code").asString()).isEqualTo("DEVICE_NAME_INVALID");
        }
        fixtures.device(tenant.token(), template, "O'Brien_s Sensor-2");
        fixtures.device(tenant.token(), template, "x".repeat(50));
        assertThat(api.get("/rest/v1/devices", tenant.token()).body().get("totalElements").asLong()).isEqualTo(2);

        long id = fixtures.device(tenant.token(), template, "Valid").get("id").asLong();
        Api.Response rename = api.patch("/rest/v1/devices/" + id, tenant.token(), Map.of("name", "in/valid"));
        assertThat(rename.status()).isEqualTo(400);
        assertThat(api.get("/rest/v1/devices/" + id, tenant.token()).body().get("name").asString()).isEqualTo("Valid");
    }

    @Test
    void answersBadInputWithProblemDetailsAndChangesNothing() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());

        Api.Response malformed = api.post("/rest/v1/devices", tenant.token(), "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("code").asString()).isEqualTo("MALFORMED_REQUEST");
        assertThat(malformed.text()).doesNotContain("Exception", "at dev.moor");

        Api.Response wrongType = api.post("/rest/v1/devices", tenant.token(),
                Map.of("name", "Typed", "templateId", template, "ownerUserId", "not-a-number"));
        assertThat(wrongType.status()).isEqualTo(400);

        Api.Response unknownTemplate = api.post("/rest/v1/devices", tenant.token(), Map.of("name", "Lost", "templateId", "TMPLnope"));
        assertThat(unknownTemplate.status()).isEqualTo(404);
        assertThat(unknownTemplate.body().get("code").asString()).isEqualTo("TEMPLATE_NOT_FOUND");

        Api.Response badClass = api.post("/rest/v1/devices", tenant.token(),
                Map.of("name", "Classy", "templateId", template, "deviceClass", "toaster"));
        assertThat(badClass.status()).isEqualTo(400);

        Api.Response badId = api.get("/rest/v1/devices/abc", tenant.token());
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));

        assertThat(api.get("/rest/v1/devices", tenant.token()).body().get("totalElements").asLong()).isZero();
    }

    @Test
    void validatesMetafieldValuesByTheirType() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        Api.Response number = api.post("/rest/v1/templates/" + template + "/metafields", tenant.token(),
                Map.of("name", "Floor", "type", "NUMBER", "options", Map.of("min", 0, "max", 10)));
        assertThat(number.status()).as(number.text()).isEqualTo(201);
        Api.Response email = api.post("/rest/v1/templates/" + template + "/metafields", tenant.token(),
                Map.of("name", "Contact", "type", "EMAIL"));
        long device = fixtures.device(tenant.token(), template, "Meta").get("id").asLong();
        String base = "/rest/v1/devices/" + device + "/metafields/";

        assertThat(api.put(base + number.body().get("id").asLong(), tenant.token(), Map.of("value", "7")).body()
                .get("value").asInt()).isEqualTo(7);
        Api.Response tooHigh = api.put(base + number.body().get("id").asLong(), tenant.token(), Map.of("value", 11));
        assertThat(tooHigh.status()).isEqualTo(400);
        assertThat(tooHigh.body().get("code").asString()).isEqualTo("METAFIELD_VALUE_INVALID");
        assertThat(api.put(base + email.body().get("id").asLong(), tenant.token(), Map.of("value", "nope")).status()).isEqualTo(400);

        JsonNode values = api.get("/rest/v1/devices/" + device + "/metafields", tenant.token()).body();
        assertThat(values).hasSize(2);
        assertThat(values.get(0).get("value").asInt()).isEqualTo(7);
        assertThat(values.get(1).get("value").isNull()).isTrue();
    }

    private static List<String> names(Api.Response response) {
        return response.body().get("content").valueStream().map(device -> device.get("name").asString()).toList();
    }
}
