package dev.moor.compat.losant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import dev.moor.support.Api;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Losant dialect's device endpoints, called as curl would (devices.md, device.md). */
class LosantDevicesApiTests extends MoorIntegrationTest {

    @Test
    void everyOrganizationShowsA24HexApplicationId() {
        LosantTenant losant = LosantTenant.create(api, fixtures);
        assertThat(losant.applicationId()).matches("[0-9a-f]{24}");
        LosantTenant other = LosantTenant.create(api, fixtures);
        assertThat(other.applicationId()).isNotEqualTo(losant.applicationId());
    }

    @Test
    void createsADeviceAndAnswers201WithLosantsDeviceSchema() {
        LosantTenant losant = LosantTenant.create(api, fixtures);
        Api.Response created = api.post(losant.devices(), losant.token(), Map.of("name", "My New Device",
                "description", "Description of my new device",
                "tags", List.of(Map.of("key", "TagKey", "value", "TagValue")),
                "attributes", List.of(Map.of("name", "voltage", "dataType", "number")), "deviceClass", "standalone"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode device = created.body();
        assertThat(device.propertyNames()).containsExactlyInAnyOrder("id", "deviceId", "applicationId", "creationDate",
                "lastUpdated", "name", "description", "tags", "attributes", "deviceClass", "connectionInfo");
        assertThat(device.get("id").asString()).matches("[0-9a-f]{24}").isEqualTo(device.get("deviceId").asString());
        assertThat(device.get("applicationId").asString()).isEqualTo(losant.applicationId());
        assertThat(device.get("creationDate").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(device.get("name").asString()).isEqualTo("My New Device");
        assertThat(device.get("description").asString()).isEqualTo("Description of my new device");
        assertThat(device.get("tags").get(0).get("key").asString()).isEqualTo("TagKey");
        assertThat(device.get("tags").get(0).get("value").asString()).isEqualTo("TagValue");
        assertThat(device.get("attributes").get(0).get("dataType").asString()).isEqualTo("number");
        assertThat(device.get("deviceClass").asString()).isEqualTo("standalone");
        assertThat(device.get("connectionInfo").get("connected").asInt()).isZero();

        // The same device in Moor's own API: the Losant id is the Moor id in hex.
        long moorId = Long.parseLong(device.get("id").asString(), 16);
        Api.Response native_ = api.get("/rest/v1/devices/" + moorId, losant.token());
        assertThat(native_.status()).isEqualTo(200);
        assertThat(native_.body().get("name").asString()).isEqualTo("My New Device");
    }

    @Test
    void listsSortedAndPagedWithAThousandPerPageByDefault() {
        LosantTenant losant = LosantTenant.create(api, fixtures);
        for (String name : List.of("Charlie", "alpha", "Bravo")) {
            losant.createDevice(name, Map.of(), "standalone");
        }

        Api.Response list = api.get(losant.devices() + "?_actions=false&_links=true&_embedded=true", losant.token());
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.body().get("perPage").asInt()).isEqualTo(1000);
        assertThat(list.body().get("page").asInt()).isZero();
        assertThat(list.body().get("count").asInt()).isEqualTo(3);
        assertThat(list.body().get("totalCount").asInt()).isEqualTo(3);
        assertThat(list.body().get("sortField").asString()).isEqualTo("name");
        assertThat(list.body().get("sortDirection").asString()).isEqualTo("asc");
        assertThat(list.body().get("applicationId").asString()).isEqualTo(losant.applicationId());
        assertThat(names(list)).containsExactly("alpha", "Bravo", "Charlie");

        assertThat(names(api.get(losant.devices() + "?sortField=name&sortDirection=desc", losant.token())))
                .containsExactly("Charlie", "Bravo", "alpha");
        assertThat(names(api.get(losant.devices() + "?sortField=creationDate&sortDirection=desc", losant.token())))
                .containsExactly("Bravo", "alpha", "Charlie");
        assertThat(names(api.get(losant.devices() + "?sortField=id", losant.token())))
                .containsExactly("Charlie", "alpha", "Bravo");
        assertThat(names(api.get(losant.devices() + "?sortField=lastUpdated&sortDirection=desc", losant.token())))
                .containsExactly("Bravo", "alpha", "Charlie");

        Api.Response second = api.get(losant.devices() + "?perPage=2&page=1", losant.token());
        assertThat(names(second)).containsExactly("Charlie");
        assertThat(second.body().get("count").asInt()).isEqualTo(1);
        assertThat(second.body().get("totalCount").asInt()).isEqualTo(3);
        assertThat(second.body().get("perPage").asInt()).isEqualTo(2);
        assertThat(second.body().get("page").asInt()).isEqualTo(1);
    }

    @Test
    void filtersByNameGlobDeviceClassAndTagFilter() {
        LosantTenant losant = LosantTenant.create(api, fixtures);
        losant.createDevice("my kitchen device", Map.of("Floor", "2", "Serial", "A1"), "standalone");
        losant.createDevice("my hall device", Map.of("Floor", "3"), "gateway");
        losant.createDevice("MY_GARAGE device", Map.of("Serial", "B7"), "standalone");
        losant.createDevice("other", Map.of("Room", "2"), "peripheral");

        Api.Response glob = api.get(losant.devices() + "?filterField=name&filter=" + encode("my * device"), losant.token());
        assertThat(names(glob)).containsExactly("my hall device", "my kitchen device");
        assertThat(glob.body().get("filter").asString()).isEqualTo("my * device");
        assertThat(glob.body().get("filterField").asString()).isEqualTo("name");
        // Case-insensitive, '?' is one character, LIKE's '_' is literal.
        assertThat(names(api.get(losant.devices() + "?filterField=name&filter=" + encode("MY?GARAGE*"), losant.token())))
                .containsExactly("MY_GARAGE device");
        assertThat(names(api.get(losant.devices() + "?filterField=name&filter=my%25", losant.token()))).isEmpty();
        // "Blank or not provided means no filtering."
        assertThat(names(api.get(losant.devices() + "?filterField=&filter=nothing", losant.token()))).hasSize(4);

        Api.Response byClass = api.get(losant.devices() + "?deviceClass=standalone", losant.token());
        assertThat(names(byClass)).containsExactlyInAnyOrder("my kitchen device", "MY_GARAGE device");
        assertThat(byClass.body().get("deviceClass").asString()).isEqualTo("standalone");

        Api.Response both = api.get(losant.devices() + "?tagFilter%5B0%5D%5Bkey%5D=Floor&tagFilter%5B0%5D%5Bvalue%5D=2",
                losant.token());
        assertThat(names(both)).containsExactly("my kitchen device");
        assertThat(both.body().get("tagFilter").get(0).get("key").asString()).isEqualTo("Floor");
        assertThat(both.body().get("tagFilter").get(0).get("value").asString()).isEqualTo("2");
        assertThat(names(api.get(losant.devices() + "?tagFilter[0][key]=Floor", losant.token())))
                .containsExactly("my hall device", "my kitchen device");
        Api.Response valueOnly = api.get(losant.devices() + "?tagFilter[0][value]=2", losant.token());
        assertThat(names(valueOnly)).containsExactly("my kitchen device", "other");
        assertThat(valueOnly.body().get("tagFilter").get(0).has("key")).isFalse();
        // The page's own example: Floor=2 and any Serial.
        assertThat(names(api.get(losant.devices() + "?tagFilter[0][key]=Floor&tagFilter[0][value]=2&tagFilter[1][key]=Serial",
                losant.token()))).containsExactly("my kitchen device");
        assertThat(names(api.get(losant.devices() + "?tagFilter[0][key]=Serial&deviceClass=standalone&filterField=name&filter=my*",
                losant.token()))).containsExactlyInAnyOrder("my kitchen device", "MY_GARAGE device");
    }

    @Test
    void leavesConnectionInfoOutWhenAskedTo() {
        LosantTenant losant = LosantTenant.create(api, fixtures);
        String id = losant.createDevice("Probe", Map.of(), "standalone").get("id").asString();

        assertThat(api.get(losant.devices(), losant.token()).body().get("items").get(0).has("connectionInfo")).isTrue();
        assertThat(api.get(losant.devices() + "?excludeConnectionInfo=true", losant.token()).body().get("items").get(0)
                .has("connectionInfo")).isFalse();
        assertThat(api.get(losant.device(id), losant.token()).body().get("connectionInfo").get("connected").asInt()).isZero();
        assertThat(api.get(losant.device(id) + "?excludeConnectionInfo=true", losant.token()).body().has("connectionInfo")).isFalse();
    }

    @Test
    void getsPatchesAndDeletesOneDevice() {
        LosantTenant losant = LosantTenant.create(api, fixtures);
        JsonNode created = losant.createDevice("Boiler", Map.of("Floor", "1"), "standalone");
        String id = created.get("id").asString();

        Api.Response read = api.get(losant.device(id), losant.token());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("name").asString()).isEqualTo("Boiler");
        assertThat(read.body().get("deviceId").asString()).isEqualTo(id);

        Api.Response patched = api.patch(losant.device(id), losant.token(), Map.of("description", "in the cellar",
                "tags", List.of(Map.of("key", "Floor", "value", "-1"), Map.of("key", "Fuel", "value", "gas")),
                "deviceClass", "gateway"));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.body().get("name").asString()).isEqualTo("Boiler");
        assertThat(patched.body().get("description").asString()).isEqualTo("in the cellar");
        assertThat(patched.body().get("deviceClass").asString()).isEqualTo("gateway");
        assertThat(patched.body().get("tags")).hasSize(2);
        assertThat(patched.body().get("attributes").get(0).get("name").asString()).isEqualTo("voltage");
        assertThat(api.get(losant.device(id), losant.token()).body().get("description").asString()).isEqualTo("in the cellar");

        Api.Response deleted = api.delete(losant.device(id), losant.token());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().get("success").asBoolean()).isTrue();
        Api.Response gone = api.get(losant.device(id), losant.token());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().get("type").asString()).isEqualTo("NotFound");
        assertThat(gone.body().get("message").asString()).isEqualTo("Device was not found");
    }

    @Test
    void answersLosantErrorsAndChangesNothing() {
        LosantTenant losant = LosantTenant.create(api, fixtures);
        LosantTenant other = LosantTenant.create(api, fixtures);
        String id = losant.createDevice("Keep", Map.of(), "standalone").get("id").asString();
        String othersDevice = other.createDevice("Theirs", Map.of(), "standalone").get("id").asString();

        assertError(api.get("/applications/575ec8687ae143cd83dc4a97/devices", losant.token()), 404, "NotFound",
                "Application was not found");
        assertError(api.get(other.devices(), losant.token()), 404, "NotFound", "Application was not found");
        assertError(api.get("/applications/not-an-id/devices", losant.token()), 404, "NotFound", "Application was not found");
        assertError(api.post(other.devices(), losant.token(), Map.of("name", "Intruder")), 404, "NotFound",
                "Application was not found");
        assertError(api.get(losant.device(othersDevice), losant.token()), 404, "NotFound", "Device was not found");
        assertError(api.get(losant.device("zz"), losant.token()), 404, "NotFound", "Device was not found");
        assertError(api.get(losant.device("ffffffffffffffffffffffff"), losant.token()), 404, "NotFound", "Device was not found");
        assertError(api.delete(losant.device(othersDevice), losant.token()), 404, "NotFound", "Device was not found");
        assertThat(other.count()).isEqualTo(1);

        assertError(api.get(losant.devices() + "?sortField=color", losant.token()), 400, "Validation", null);
        assertError(api.get(losant.devices() + "?sortDirection=up", losant.token()), 400, "Validation", null);
        assertError(api.get(losant.devices() + "?perPage=1001", losant.token()), 400, "Validation", null);
        assertError(api.get(losant.devices() + "?page=-1", losant.token()), 400, "Validation", null);
        assertError(api.get(losant.devices() + "?page=first", losant.token()), 400, "Validation", null);
        assertError(api.get(losant.devices() + "?filterField=description&filter=x", losant.token()), 400, "Validation", null);
        assertError(api.get(losant.devices() + "?deviceClass=toaster", losant.token()), 400, "Validation", null);
        assertError(api.get(losant.devices() + "?tagFilter=Floor", losant.token()), 400, "Validation", null);
        assertError(api.get(losant.devices() + "?tagFilter[0][key]=bad%20key", losant.token()), 400, "Validation", null);

        assertError(api.send("POST", losant.devices(), losant.token(), "{\"name\": ", "application/json"), 400, "Validation", null);
        assertError(api.post(losant.devices(), losant.token(), Map.of("description", "no name")), 400, "Validation", null);
        assertError(api.post(losant.devices(), losant.token(), Map.of("name", "x", "color", "red")), 400, "Validation", null);
        assertError(api.post(losant.devices(), losant.token(), Map.of("name", "x", "tags", List.of(Map.of("key", "a b", "value", "1")))),
                400, "Validation", null);
        assertError(api.post(losant.devices(), losant.token(), Map.of("name", "x", "tags", List.of(Map.of("key", "a")))),
                400, "Validation", null);
        assertError(api.post(losant.devices(), losant.token(), Map.of("name", "x",
                "attributes", List.of(Map.of("name", "t", "dataType", "float")))), 400, "Validation", null);
        assertError(api.post(losant.devices(), losant.token(), Map.of("name", 7)), 400, "Validation", null);
        assertError(api.post(losant.devices(), losant.token(), List.of("name")), 400, "Validation", null);
        assertError(api.patch(losant.device(id), losant.token(), Map.of("deviceClass", "toaster")), 400, "Validation", null);
        assertError(api.patch(losant.device(id), losant.token(), Map.of("name", "")), 400, "Validation", null);
        assertError(api.post(losant.devices() + "/export?callbackUrl=ftp://example.com/x", losant.token(), Map.of()),
                400, "Validation", null);
        assertError(api.post(losant.devices() + "/export", losant.token(), Map.of("query", Map.of())), 400, "Validation", null);

        assertThat(losant.count()).isEqualTo(1);
        assertThat(api.get(losant.device(id), losant.token()).body().get("deviceClass").asString()).isEqualTo("standalone");
        assertThat(api.get("/rest/v1/exports", losant.token()).body().get("totalElements").asLong()).isZero();

        assertError(api.get(losant.devices(), null), 401, "Unauthorized", null);
        assertError(api.get(losant.devices(), "moor_not_a_token"), 401, "Unauthorized", null);
    }

    @Test
    void checksEachEndpointsScopesAsThePagesListThem() {
        LosantTenant losant = LosantTenant.create(api, fixtures);
        String id = losant.createDevice("Scoped", Map.of(), "standalone").get("id").asString();

        String devicesGet = losant.scopedToken(fixtures, "devices.get");
        assertThat(api.get(losant.devices(), devicesGet).status()).isEqualTo(200);
        assertError(api.post(losant.devices(), devicesGet, Map.of("name", "Nope")), 403, "Forbidden", null);
        assertError(api.post(losant.devices() + "/export", devicesGet, Map.of()), 403, "Forbidden", null);
        assertError(api.get(losant.device(id), devicesGet), 403, "Forbidden", null);

        String readOnly = losant.scopedToken(fixtures, "all.Application.read");
        assertThat(api.get(losant.devices(), readOnly).status()).isEqualTo(200);
        assertThat(api.get(losant.device(id), readOnly).status()).isEqualTo(200);
        assertThat(api.post(losant.devices() + "/export", readOnly, Map.of()).status()).isEqualTo(200);
        assertError(api.post(losant.devices(), readOnly, Map.of("name", "Nope")), 403, "Forbidden", null);
        assertError(api.patch(losant.device(id), readOnly, Map.of("name", "Nope")), 403, "Forbidden", null);
        assertError(api.delete(losant.device(id), readOnly), 403, "Forbidden", null);

        String deviceToken = losant.scopedToken(fixtures, "all.Device");
        assertThat(api.get(losant.devices(), deviceToken).status()).isEqualTo(200);
        assertThat(api.get(losant.device(id), deviceToken).status()).isEqualTo(200);
        assertError(api.post(losant.devices() + "/export", deviceToken, Map.of()), 403, "Forbidden", null);
        assertError(api.patch(losant.device(id), deviceToken, Map.of("name", "Nope")), 403, "Forbidden", null);

        String poster = losant.scopedToken(fixtures, "devices.post", "devices.export");
        assertThat(api.post(losant.devices(), poster, Map.of("name", "Posted")).status()).isEqualTo(201);
        assertThat(api.post(losant.devices() + "/export", poster, Map.of()).status()).isEqualTo(200);
        assertError(api.get(losant.devices(), poster), 403, "Forbidden", null);

        String single = losant.scopedToken(fixtures, "device.*");
        assertError(api.get(losant.devices(), single), 403, "Forbidden", null);
        assertThat(api.get(losant.device(id), single).status()).isEqualTo(200);
        assertThat(api.patch(losant.device(id), single, Map.of("name", "Renamed")).status()).isEqualTo(200);
        assertThat(api.delete(losant.device(id), single).status()).isEqualTo(200);

        String application = losant.scopedToken(fixtures, "all.Application");
        assertThat(api.post(losant.devices(), application, Map.of("name", "By App Token")).status()).isEqualTo(201);
        assertThat(losant.count()).isEqualTo(2);
    }

    @Test
    void tokensCarryValidScopesAndNeverWidenThem() {
        LosantTenant losant = LosantTenant.create(api, fixtures);
        long user = fixtures.user(losant.token(), losant.tenant().organizationId(), List.of("ORG_DEVICES_VIEW"));

        Api.Response created = api.post("/rest/v1/tokens", losant.token(),
                Map.of("userId", user, "scopes", List.of("devices.get", "all.Application.read")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().get("scopes")).extracting(JsonNode::asString)
                .containsExactly("all.Application.read", "devices.get");

        Api.Response invalid = api.post("/rest/v1/tokens", losant.token(), Map.of("userId", user, "scopes", List.of("devices get")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("code").asString()).isEqualTo("VALIDATION_FAILED");

        String scoped = losant.scopedToken(fixtures, "devices.get", "device.get");
        long self = fixtures.user(losant.token(), losant.tenant().organizationId(), List.of("ORG_DEVICES_VIEW"));
        Api.Response wider = api.post("/rest/v1/tokens", scoped, Map.of("userId", self, "scopes", List.of("all.Application")));
        assertThat(wider.status()).isEqualTo(403);
        Api.Response unrestricted = api.post("/rest/v1/tokens", scoped, Map.of("userId", self, "scopes", List.of()));
        assertThat(unrestricted.status()).isEqualTo(403);
        Api.Response inherited = api.post("/rest/v1/tokens", scoped, Map.of("userId", self));
        assertThat(inherited.status()).as(inherited.text()).isEqualTo(201);
        assertThat(inherited.body().get("scopes")).extracting(JsonNode::asString).containsExactly("device.get", "devices.get");
    }

    private static void assertError(Api.Response response, int status, String type, String message) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.body().propertyNames()).as(response.text()).containsExactlyInAnyOrder("type", "message");
        assertThat(response.body().get("type").asString()).isEqualTo(type);
        if (message != null) {
            assertThat(response.body().get("message").asString()).isEqualTo(message);
        }
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("dev.moor");
    }

    private static List<String> names(Api.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return StreamSupport.stream(response.body().get("items").spliterator(), false)
                .map(item -> item.get("name").asString()).toList();
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
