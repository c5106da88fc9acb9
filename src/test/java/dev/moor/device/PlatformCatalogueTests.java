package dev.moor.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PlatformCatalogueTests extends MoorIntegrationTest {

    @Test
    void listsEsp8266AndEsp32WithTheirBoardsAndVariants() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Api.Response response = api.get("/rest/v1/platforms", tenant.token());
        assertThat(response.status()).as(response.text()).isEqualTo(200);

        JsonNode esp8266 = platform(response.body(), "espressif8266");
        assertThat(esp8266.get("id").asInt()).isEqualTo(2);
        assertThat(esp8266.get("name").asString()).isEqualTo("ESP8266");
        JsonNode esp07s = board(esp8266, "esp07s");
        assertThat(esp07s.get("id").asInt()).isEqualTo(6);
        assertThat(esp07s.get("name").asString()).isEqualTo("ESP-07S");
        assertThat(keys(esp8266.get("boards"))).contains("nodemcuv2", "d1_mini", "esp01_1m", "esp12e");

        JsonNode esp32 = platform(response.body(), "espressif32");
        assertThat(esp32.get("name").asString()).isEqualTo("ESP32");
        assertThat(keys(esp32.get("boards"))).contains("esp32dev", "esp32-s3-devkitc-1", "esp32-c3-devkitm-1", "esp32cam");
        assertThat(keys(board(esp32, "esp32-s3-devkitc-1").get("variants"))).contains("n8r2", "n16r8");
    }

    @Test
    void needsAToken() {
        assertThat(api.get("/rest/v1/platforms", null).status()).isEqualTo(401);
    }

    @Test
    void createsDevicesWithPlatformBoardAndVariantByKey() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());

        JsonNode device = fixtures.device(tenant.token(), Map.of("name", "Relay", "templateId", template,
                "platform", "espressif8266", "board", "esp07s"));
        assertThat(device.get("uid").asString()).matches("espressif8266_[A-Za-z0-9]{12}");
        assertThat(device.get("platform").asString()).isEqualTo("espressif8266");
        assertThat(device.get("board").asString()).isEqualTo("esp07s");

        JsonNode byBoard = fixtures.device(tenant.token(), Map.of("name", "Cam", "templateId", template,
                "board", "esp32-s3-devkitc-1", "boardVariant", "n16r8"));
        assertThat(byBoard.get("platform").asString()).as("the board's platform is filled in").isEqualTo("espressif32");
        assertThat(byBoard.get("uid").asString()).startsWith("espressif32_");
        assertThat(byBoard.get("boardVariant").asString()).isEqualTo("n16r8");
    }

    @Test
    void rejectsHardwareOutsideTheCatalogueAndCreatesNothing() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        List<Map<String, Object>> bad = List.of(
                Map.of("platform", "atmelavr"),
                Map.of("platform", "espressif8266", "board", "nope"),
                Map.of("platform", "espressif8266", "board", "esp32dev"),
                Map.of("platform", "espressif32", "board", "esp32dev", "boardVariant", "n16r8"),
                Map.of("platform", "espressif32", "boardVariant", "wroom32"));
        for (Map<String, Object> hardware : bad) {
            Map<String, Object> body = new java.util.HashMap<>(hardware);
            body.put("name", "Bad");
            body.put("templateId", template);
            Api.Response response = api.post("/rest/v1/devices", tenant.token(), body);
            assertThat(response.status()).as(hardware.toString()).isEqualTo(400);
            assertThat(response.body().get("code").asString()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(api.get("/rest/v1/devices", tenant.token()).body().get("totalElements").asLong()).isZero();
    }

    @Test
    void checksHardwareChangesAgainstTheDevicesOtherKeys() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        long id = fixtures.device(tenant.token(), Map.of("name", "Node", "templateId", template,
                "platform", "espressif8266", "board", "nodemcuv2")).get("id").asLong();
        String path = "/rest/v1/devices/" + id;

        Api.Response foreignBoard = api.patch(path, tenant.token(), Map.of("board", "esp32dev"));
        assertThat(foreignBoard.status()).as(foreignBoard.text()).isEqualTo(400);
        assertThat(api.get(path, tenant.token()).body().get("board").asString()).isEqualTo("nodemcuv2");

        Api.Response moved = api.patch(path, tenant.token(), Map.of("board", "d1_mini", "boardVariant", "d1_mini_pro"));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.body().get("board").asString()).isEqualTo("d1_mini");
        assertThat(moved.body().get("boardVariant").asString()).isEqualTo("d1_mini_pro");
        assertThat(api.patch(path, tenant.token(), Map.of("name", "Renamed")).status())
                .as("a change that leaves the hardware alone needs no catalogue check").isEqualTo(200);
    }

    private static JsonNode platform(JsonNode platforms, String key) {
        for (JsonNode platform : platforms) {
            if (platform.get("key").asString().equals(key)) {
                return platform;
            }
        }
        throw new AssertionError("No platform " + key + " in " + platforms);
    }

    private static JsonNode board(JsonNode platform, String key) {
        for (JsonNode board : platform.get("boards")) {
            if (board.get("key").asString().equals(key)) {
                return board;
            }
        }
        throw new AssertionError("No board " + key + " in " + platform);
    }

    private static List<String> keys(JsonNode entries) {
        List<String> keys = new ArrayList<>();
        entries.forEach(entry -> keys.add(entry.get("key").asString()));
        return keys;
    }
}
