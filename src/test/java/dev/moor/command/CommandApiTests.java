package dev.moor.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import dev.moor.support.Mqtt;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The command API's rules: bad input is refused with nothing stored, and buttons send saved payloads. */
class CommandApiTests extends MoorIntegrationTest {

    @Test
    void refusesBadCommandsWithProblemDetailsAndStoresNothing() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant);
        String path = "/rest/v1/devices/" + device.get("id").asLong() + "/commands";

        Api.Response malformed = api.post(path, tenant.token(), "{\"name\": \"x\", \"payload\": {");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("code").asString()).isEqualTo("MALFORMED_REQUEST");

        Api.Response tooLarge = api.post(path, tenant.token(), Map.of("name", "big", "payload", "x".repeat(70_000),
                "whenOffline", "queue"));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");

        assertThat(api.post(path, tenant.token(), Map.of("payload", 1, "whenOffline", "queue")).status()).isEqualTo(400);
        assertThat(api.post(path, tenant.token(), Map.of("name", "ota", "whenOffline", "queue")).status()).isEqualTo(400);
        assertThat(api.post(path, tenant.token(), Map.of("name", "x", "whenOffline", "later")).status()).isEqualTo(400);
        assertThat(api.post(path, tenant.token(), Map.of("name", "x", "whenOffline", "queue", "ttlSeconds", 0)).status())
                .isEqualTo(400);
        assertThat(api.post(path, tenant.token(), Map.of("name", "x", "whenOffline", "queue", "time", "yesterday")).status())
                .isEqualTo(400);
        assertThat(api.post("/rest/v1/devices/999999999/commands", tenant.token(), Map.of("name", "x", "whenOffline", "queue"))
                .status()).isEqualTo(404);

        Fixtures.Tenant stranger = fixtures.tenant();
        Api.Response foreign = api.post(path, stranger.token(), Map.of("name", "x", "whenOffline", "queue"));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().get("code").asString()).isEqualTo("DEVICE_NOT_FOUND");

        assertThat(api.get(path, tenant.token()).body().get("totalElements").asLong()).isZero();
    }

    @Test
    void keepsEachCommandWithinItsDevice() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant);
        JsonNode other = device(tenant);
        String id = api.post("/rest/v1/devices/" + device.get("id").asLong() + "/commands", tenant.token(),
                Map.of("name", "x", "payload", "string payload", "whenOffline", "queue")).body().get("id").asString();

        JsonNode read = api.get("/rest/v1/devices/" + device.get("id").asLong() + "/commands/" + id, tenant.token()).body();
        assertThat(read.get("payload").asString()).isEqualTo("string payload");
        assertThat(read.get("whenOffline").asString()).isEqualTo("queue");
        assertThat(api.get("/rest/v1/devices/" + other.get("id").asLong() + "/commands/" + id, tenant.token()).status())
                .isEqualTo(404);
        assertThat(api.get("/rest/v1/devices/" + device.get("id").asLong() + "/commands/not-a-uuid", tenant.token()).status())
                .isEqualTo(404);
        Fixtures.Tenant stranger = fixtures.tenant();
        assertThat(api.get("/rest/v1/devices/" + device.get("id").asLong() + "/commands/" + id, stranger.token()).status())
                .isEqualTo(404);
    }

    @Test
    void savesListsSendsAndDeletesCommandButtons() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant);
        String buttons = "/rest/v1/devices/" + device.get("id").asLong() + "/command-buttons";
        Map<String, Object> relayOn = Map.of("id", "relay_on", "label", "Relay On",
                "payload", Map.of("cmd", "relay_toggle", "channel", 1, "state", "on"), "confirm", false);

        Api.Response created = api.post(buttons, tenant.token(), relayOn);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().get("label").asString()).isEqualTo("Relay On");

        Api.Response again = api.post(buttons, tenant.token(), Map.of("id", "relay_on", "label", "Other", "payload", 1));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("code").asString()).isEqualTo("COMMAND_BUTTON_TAKEN");
        assertThat(again.body().get("detail").asString()).isEqualTo("A command button with this id already exists.");
        assertThat(api.get(buttons, tenant.token()).body()).hasSize(1);
        assertThat(api.get(buttons, tenant.token()).body().get(0).get("label").asString()).isEqualTo("Relay On");
        assertThat(api.post(buttons, tenant.token(), Map.of("id", "bad id!", "label", "x", "payload", 1)).status()).isEqualTo(400);

        try (SimulatedDevice board = SimulatedDevice.connect(
                Mqtt.client(device.get("uid").asString(), device.get("token").asString()), device)) {
            Api.Response sent = api.post(buttons + "/relay_on/send", tenant.token(), null);
            assertThat(sent.status()).as(sent.text()).isEqualTo(202);
            JsonNode received = board.nextCommand();
            assertThat(received.get("name").asString()).isEqualTo("relay_on");
            assertThat(received.get("payload").get("state").asString()).isEqualTo("on");
        }

        assertThat(api.post(buttons + "/missing/send", tenant.token(), null).status()).isEqualTo(404);
        assertThat(api.delete(buttons + "/relay_on", tenant.token()).status()).isEqualTo(204);
        assertThat(api.delete(buttons + "/relay_on", tenant.token()).status()).isEqualTo(404);
        assertThat(api.get(buttons, tenant.token()).body()).isEmpty();
    }

    @Test
    void refusesManyDeviceCommandsWithoutDevicesOrWithAForeignDevice() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Fixtures.Tenant stranger = fixtures.tenant();
        JsonNode theirs = device(stranger);
        assertThat(api.post("/rest/v1/command-batches", tenant.token(), Map.of("name", "x")).status()).isEqualTo(400);
        Api.Response foreign = api.post("/rest/v1/command-batches", tenant.token(),
                Map.of("name", "x", "deviceIds", List.of(theirs.get("id").asLong())));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(api.get("/rest/v1/devices/" + theirs.get("id").asLong() + "/commands", stranger.token()).body()
                .get("totalElements").asLong()).isZero();
    }

    private JsonNode device(Fixtures.Tenant tenant) {
        String template = fixtures.template(tenant.token());
        return fixtures.device(tenant.token(), template, "Board " + Fixtures.unique());
    }
}
