package dev.moor.compat.losant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.moor.command.SimulatedDevice;
import dev.moor.support.Api;
import dev.moor.support.Mqtt;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** devices.md "Send Command" and device.md "Send Command" / "Get Command", with real MQTT devices. */
class LosantCommandTests extends MoorIntegrationTest {

    @Test
    void aMultiDeviceCommandReachesTheConnectedDevicesCarryingTheTag() {
        LosantTenant losant = LosantTenant.create(api, fixtures);
        String eightOnline = losant.createDevice("Floor Eight A", Map.of("floor", "8"), "standalone").get("id").asString();
        String eightOffline = losant.createDevice("Floor Eight B", Map.of("floor", "8"), "standalone").get("id").asString();
        String nineOnline = losant.createDevice("Floor Nine", Map.of("floor", "9"), "standalone").get("id").asString();
        LosantTenant other = LosantTenant.create(api, fixtures);
        String stranger = other.createDevice("Their Floor Eight", Map.of("floor", "8"), "standalone").get("id").asString();

        try (SimulatedDevice eight = connect(losant, eightOnline); SimulatedDevice nine = connect(losant, nineOnline);
                SimulatedDevice theirs = connect(other, stranger)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> connected(losant, eightOnline) && connected(losant, nineOnline));

            // The page's own example body, with its numeric tag value.
            Api.Response sent = api.post(losant.devices() + "/command", losant.token(), Map.of(
                    "time", "2016-06-13T04:00:00.000Z", "name", "myCommand", "payload", List.of(1, 1, 2, 3, 5),
                    "deviceTags", List.of(Map.of("key", "floor", "value", 8))));
            assertThat(sent.status()).as(sent.text()).isEqualTo(200);
            assertThat(sent.body().get("success").asBoolean()).isTrue();

            JsonNode received = eight.nextCommand();
            assertThat(received.get("name").asString()).isEqualTo("myCommand");
            assertThat(received.get("payload")).hasSize(5);
            assertThat(received.get("payload").get(4).asInt()).isEqualTo(5);

            JsonNode history = awaitCommands(losant, eightOnline, 1);
            assertThat(history.get(0).get("name").asString()).isEqualTo("myCommand");
            assertThat(history.get(0).get("time").asString()).isEqualTo("2016-06-13T04:00:00.000Z");
            assertThat(history.get(0).get("payload").get(0).asInt()).isEqualTo(1);
            // The offline device's command is recorded, not queued for later (Losant delivers to connected devices).
            awaitCommands(losant, eightOffline, 1);
            assertThat(commands(losant, nineOnline)).isEmpty();
            assertThat(commands(other, stranger)).as("another application's devices are never chosen").isEmpty();

            Api.Response byId = api.post(losant.devices() + "/command", losant.token(), Map.of("name", "ping",
                    "deviceIds", List.of(nineOnline)));
            assertThat(byId.status()).as(byId.text()).isEqualTo(200);
            assertThat(nine.nextCommand().get("name").asString()).isEqualTo("ping");
        }
    }

    @Test
    void sendsAndListsOneDevicesCommands() {
        LosantTenant losant = LosantTenant.create(api, fixtures);
        String id = losant.createDevice("Lamp", Map.of(), "standalone").get("id").asString();
        try (SimulatedDevice lamp = connect(losant, id)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> connected(losant, id));
            Api.Response sent = api.post(losant.device(id) + "/command", losant.token(),
                    Map.of("name", "setColor", "payload", Map.of("rgb", "#ff8800")));
            assertThat(sent.status()).as(sent.text()).isEqualTo(200);
            JsonNode received = lamp.nextCommand();
            assertThat(received.get("name").asString()).isEqualTo("setColor");
            assertThat(received.get("payload").get("rgb").asString()).isEqualTo("#ff8800");

            assertThat(api.post(losant.device(id) + "/command", losant.token(), Map.of("name", "blink", "time", 1465790400000L))
                    .status()).isEqualTo(200);
            lamp.nextCommand();
            JsonNode last = awaitCommands(losant, id, 2);
            JsonNode newest = api.get(losant.device(id) + "/command", losant.token()).body();
            assertThat(newest).hasSize(1);
            assertThat(newest.get(0).get("name").asString()).isEqualTo("setColor");
            JsonNode ascending = api.get(losant.device(id) + "/command?limit=10&sortDirection=asc", losant.token()).body();
            assertThat(ascending.get(0).get("name").asString()).isEqualTo("blink");
            assertThat(ascending.get(0).get("time").asString()).isEqualTo("2016-06-13T04:00:00.000Z");
            assertThat(last).hasSize(2);
        }
    }

    @Test
    void refusesBadCommandsAndSendsNothing() {
        LosantTenant losant = LosantTenant.create(api, fixtures);
        LosantTenant other = LosantTenant.create(api, fixtures);
        String id = losant.createDevice("Quiet", Map.of("floor", "1"), "standalone").get("id").asString();
        String theirs = other.createDevice("Theirs", Map.of(), "standalone").get("id").asString();
        String many = losant.devices() + "/command";

        assertThat(api.post(many, losant.token(), Map.of("name", "x")).status()).isEqualTo(400);
        assertThat(api.post(many, losant.token(), Map.of("deviceIds", List.of(id))).status()).isEqualTo(400);
        assertThat(api.post(many, losant.token(), Map.of("name", "x", "deviceIds", List.of("nope"))).status()).isEqualTo(400);
        assertThat(api.post(many, losant.token(), Map.of("name", "x", "deviceIds", List.of(theirs))).status()).isEqualTo(404);
        assertThat(api.post(many, losant.token(), Map.of("name", "x", "deviceTags", List.of(Map.of("key", "a b")))).status())
                .isEqualTo(400);
        assertThat(api.post(many, losant.token(), Map.of("name", "x", "deviceIds", List.of(id), "time", "yesterday")).status())
                .isEqualTo(400);
        assertThat(api.post(many, losant.token(), Map.of("name", "x", "deviceIds", List.of(id), "deviceQuery", Map.of()))
                .status()).isEqualTo(400);
        assertThat(api.post(many, losant.token(), "{\"name\": ").status()).isEqualTo(400);
        assertThat(api.post(other.devices() + "/command", losant.token(), Map.of("name", "x", "deviceIds", List.of(theirs)))
                .status()).isEqualTo(404);
        assertThat(api.post(losant.device(id) + "/command", losant.token(), Map.of("payload", 1)).status()).isEqualTo(400);
        assertThat(api.post(losant.device(id) + "/command", losant.token(), Map.of("name", "x", "extra", 1)).status())
                .isEqualTo(400);
        assertThat(api.get(losant.device(id) + "/command?limit=0", losant.token()).status()).isEqualTo(400);
        assertThat(commands(losant, id)).isEmpty();

        String reader = losant.scopedToken(fixtures, "all.Application.read");
        assertThat(api.post(many, reader, Map.of("name", "x", "deviceIds", List.of(id))).status()).isEqualTo(403);
        assertThat(api.post(losant.device(id) + "/command", reader, Map.of("name", "x")).status()).isEqualTo(403);
        assertThat(api.get(losant.device(id) + "/command", reader).status()).isEqualTo(200);
        assertThat(commands(losant, id)).isEmpty();
        assertThat(api.post(many, losant.scopedToken(fixtures, "devices.sendCommand"), Map.of("name", "x",
                "deviceIds", List.of(id))).status()).isEqualTo(200);
        assertThat(api.post(losant.device(id) + "/command", losant.scopedToken(fixtures, "device.sendCommand"),
                Map.of("name", "y")).status()).isEqualTo(200);
        awaitCommands(losant, id, 2);
    }

    private SimulatedDevice connect(LosantTenant losant, String id) {
        JsonNode device = api.get("/rest/v1/devices/" + Long.parseLong(id, 16), losant.token()).body();
        return SimulatedDevice.connect(Mqtt.client(device.get("uid").asString(), device.get("token").asString()), device);
    }

    private boolean connected(LosantTenant losant, String id) {
        return api.get(losant.device(id), losant.token()).body().get("connectionInfo").get("connected").asInt() == 1;
    }

    private JsonNode commands(LosantTenant losant, String id) {
        Api.Response response = api.get(losant.device(id) + "/command?limit=100", losant.token());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    private JsonNode awaitCommands(LosantTenant losant, String id, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> commands(losant, id).size() == count);
        return commands(losant, id);
    }
}
