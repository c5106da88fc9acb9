package dev.moor.compat.iotbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** iotbackend.cloud's commands (004_acf27261eee54b3f.txt): built-ins, user commands, buttons, restrictions. */
class IotBackendCommandTests extends MoorIntegrationTest {

    @Test
    void sendsBuiltInAndUserCommandsToAConnectedDevice() throws InterruptedException {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode created = device(tenant);
        String uid = created.get("uid").asString();
        String base = "/v1/user/devices/" + uid;
        try (SimulatedDevice device = SimulatedDevice.connect(created)) {
            Api.Response reboot = api.post(base + "/reboot", tenant.token(), null);
            assertThat(reboot.status()).as(reboot.text()).isEqualTo(200);
            assertThat(reboot.body()).isEqualTo(Api.JSON.readTree(
                    "{\"message\":\"Reboot command sent.\",\"device_uid\":\"" + uid + "\"}"));
            JsonNode received = device.nextCommand();
            assertThat(received.get("name").asString()).isEqualTo("reboot");
            assertThat(received.get("payload")).isEqualTo(Api.JSON.readTree("{\"cmd\":\"reboot\"}"));
            assertThat(received.get("id").asString()).isNotBlank();

            Api.Response reset = api.post(base + "/wifi-reset", tenant.token(), null);
            assertThat(reset.body().get("message").asString()).isEqualTo("Wi-Fi reset command sent.");
            assertThat(device.nextCommand().get("payload")).isEqualTo(Api.JSON.readTree("{\"cmd\":\"wifi_reset\"}"));

            Map<String, Object> payload = Map.of("cmd", "relay_toggle", "channel", 1, "state", "on");
            Api.Response user = api.post(base + "/commands", tenant.token(), Map.of("payload", payload));
            assertThat(user.status()).as(user.text()).isEqualTo(200);
            assertThat(user.body()).isEqualTo(Api.JSON.readTree(
                    "{\"message\":\"Command sent.\",\"device_uid\":\"" + uid + "\"}"));
            JsonNode command = device.nextCommand();
            assertThat(command.get("name").asString()).isEqualTo("relay_toggle");
            assertThat(command.get("payload")).isEqualTo(Api.JSON.valueToTree(payload));
        }
    }

    @Test
    void refusesCommandsToAnOfflineDeviceWithAValidationResponseAndStoresNothing() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode created = device(tenant);
        String base = "/v1/user/devices/" + created.get("uid").asString();
        api.post(base + "/command-buttons", tenant.token(), Map.of("id", "relay_on", "label", "Relay On",
                "payload", Map.of("cmd", "relay_toggle"), "confirm", false));

        for (Api.Response refused : List.of(api.post(base + "/reboot", tenant.token(), null),
                api.post(base + "/wifi-reset", tenant.token(), null),
                api.post(base + "/commands", tenant.token(), Map.of("payload", Map.of("cmd", "x"))),
                api.post(base + "/command-buttons/relay_on/send", tenant.token(), null))) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(422);
            assertThat(refused.body().propertyNames()).containsExactly("message");
            assertThat(refused.body().get("message").asString()).containsIgnoringCase("offline");
        }
        assertThat(api.get("/rest/v1/devices/" + created.get("id").asLong() + "/commands", tenant.token())
                .body().get("totalElements").asLong()).isZero();
    }

    @Test
    void refusesOtaWithoutATargetFirmware() throws InterruptedException {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode created = device(tenant);
        try (SimulatedDevice device = SimulatedDevice.connect(created)) {
            Api.Response ota = api.post("/v1/user/devices/" + created.get("uid").asString() + "/ota", tenant.token(), null);
            assertThat(ota.status()).isEqualTo(422);
            assertThat(ota.text()).isEqualTo("{\"message\":\"Assign firmware first to trigger OTA.\"}");
            assertThat(device.pollCommand()).as("nothing reaches the device").isEmpty();
        }
    }

    @Test
    void savesListsSendsAndDeletesCommandButtons() throws InterruptedException {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode created = device(tenant);
        String uid = created.get("uid").asString();
        String buttons = "/v1/user/devices/" + uid + "/command-buttons";
        Map<String, Object> button = Map.of("id", "relay_on", "label", "Relay On",
                "payload", Map.of("cmd", "relay_toggle", "channel", 1, "state", "on"), "confirm", false);

        assertThat(api.get(buttons, tenant.token()).text()).isEqualTo("{\"data\":[]}");
        Api.Response saved = api.post(buttons, tenant.token(), button);
        assertThat(saved.status()).as(saved.text()).isEqualTo(201);
        assertThat(saved.body().get("message").asString()).isEqualTo("Command button created.");
        assertThat(saved.body().get("device_uid").asString()).isEqualTo(uid);
        assertThat(saved.body().get("data")).isEqualTo(Api.JSON.valueToTree(button));

        Api.Response duplicate = api.post(buttons, tenant.token(), Map.of("id", "relay_on", "label", "Other",
                "payload", Map.of("cmd", "other")));
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.text()).isEqualTo("{\"message\":\"A command button with this id already exists.\"}");

        JsonNode list = api.get(buttons, tenant.token()).body().get("data");
        assertThat(list).hasSize(1);
        assertThat(list.get(0)).isEqualTo(Api.JSON.valueToTree(button));
        assertThat(api.post(buttons, tenant.token(), Map.of("id", "broken", "label", "Broken")).text())
                .isEqualTo("{\"message\":\"The payload field is required.\"}");

        try (SimulatedDevice device = SimulatedDevice.connect(created)) {
            Api.Response sent = api.post(buttons + "/relay_on/send", tenant.token(), null);
            assertThat(sent.status()).as(sent.text()).isEqualTo(200);
            assertThat(sent.body()).isEqualTo(Api.JSON.readTree(
                    "{\"message\":\"Command sent.\",\"device_uid\":\"" + uid + "\"}"));
            assertThat(device.nextCommand().get("payload")).isEqualTo(Api.JSON.valueToTree(button.get("payload")));
        }

        Api.Response deleted = api.delete(buttons + "/relay_on", tenant.token());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo(Api.JSON.readTree(
                "{\"message\":\"Command button deleted.\",\"device_uid\":\"" + uid + "\"}"));
        assertThat(api.get(buttons, tenant.token()).body().get("data")).isEmpty();
        assertThat(api.delete(buttons + "/relay_on", tenant.token()).status()).isEqualTo(404);
    }

    @Test
    void rejectsMalformedCommandsAndSendsNothing() throws InterruptedException {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode created = device(tenant);
        String base = "/v1/user/devices/" + created.get("uid").asString();
        try (SimulatedDevice device = SimulatedDevice.connect(created)) {
            assertThat(api.post(base + "/commands", tenant.token(), Map.of()).text())
                    .isEqualTo("{\"message\":\"The payload field is required.\"}");
            assertThat(api.post(base + "/commands", tenant.token(), Map.of("payload", "reboot")).text())
                    .isEqualTo("{\"message\":\"The payload field must be an object.\"}");
            assertThat(api.post(base + "/commands", tenant.token(), "{\"payload\": ").status()).isEqualTo(422);
            assertThat(device.pollCommand()).isEmpty();
        }
    }

    @Test
    void givesAnotherTenantsDeviceNothing() throws InterruptedException {
        Fixtures.Tenant tenant = fixtures.tenant();
        Fixtures.Tenant stranger = fixtures.tenant();
        JsonNode created = device(tenant);
        String base = "/v1/user/devices/" + created.get("uid").asString();
        try (SimulatedDevice device = SimulatedDevice.connect(created)) {
            for (Api.Response response : List.of(api.post(base + "/reboot", stranger.token(), null),
                    api.post(base + "/ota", stranger.token(), null),
                    api.post(base + "/commands", stranger.token(), Map.of("payload", Map.of("cmd", "x"))),
                    api.get(base + "/command-buttons", stranger.token()),
                    api.post(base + "/command-buttons", stranger.token(), Map.of("id", "a", "label", "A",
                            "payload", Map.of("cmd", "a"))))) {
                assertThat(response.status()).isEqualTo(404);
                assertThat(response.text()).isEqualTo("{\"message\":\"Device not found.\"}");
            }
            assertThat(device.pollCommand()).isEmpty();
        }
        assertThat(api.get(base + "/command-buttons", tenant.token()).body().get("data")).isEmpty();
    }

    private JsonNode device(Fixtures.Tenant tenant) {
        return fixtures.device(tenant.token(), Map.of("name", "Relay", "templateId", fixtures.template(tenant.token()),
                "platform", "espressif8266", "board", "esp07s"));
    }
}
