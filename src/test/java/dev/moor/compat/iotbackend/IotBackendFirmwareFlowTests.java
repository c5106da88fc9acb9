package dev.moor.compat.iotbackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.moor.support.Multipart;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The page's "Typical firmware flow" (004_acf27261eee54b3f.txt): upload, save the md5, set-target, ota; with a
 * simulated device that receives the OTA command, downloads the binary with its device token, checks its md5
 * and reports success.
 */
class IotBackendFirmwareFlowTests extends MoorIntegrationTest {

    @Test
    void deliversFirmwareThroughThePagesFourSteps() throws IOException, InterruptedException {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode created = fixtures.device(tenant.token(), Map.of("name", "Field Unit",
                "templateId", fixtures.template(tenant.token()), "platform", "espressif8266", "board", "esp07s"));
        String uid = created.get("uid").asString();
        String base = "/v1/user/devices/" + uid;
        byte[] binary = IotBackendFirmwareTests.image(300_001);

        try (SimulatedDevice device = SimulatedDevice.connect(created)) {
            // 1. Upload the firmware. 2. Save the returned md5.
            Api.Response uploaded = new Multipart().field("name", "Release build").field("version", "1.0.3")
                    .file(binary, "application/octet-stream").post(port, base + "/firmwares", tenant.token());
            assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
            String md5 = uploaded.body().get("data").get("md5").asString();
            assertThat(md5).isEqualTo(IotBackendFirmwareTests.md5(binary));

            // 3. Assign it.
            Api.Response assigned = api.post(base + "/firmwares/set-target", tenant.token(), Map.of("md5", md5));
            assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);

            // 4. Trigger delivery.
            Api.Response ota = api.post(base + "/ota", tenant.token(), null);
            assertThat(ota.status()).as(ota.text()).isEqualTo(200);
            assertThat(ota.body()).isEqualTo(Api.JSON.readTree(
                    "{\"message\":\"OTA check triggered.\",\"device_uid\":\"" + uid + "\"}"));

            JsonNode command = device.nextCommand();
            assertThat(command.get("name").asString()).isEqualTo("ota");
            JsonNode payload = command.get("payload");
            assertThat(payload.get("md5").asString()).isEqualTo(md5);
            assertThat(payload.get("size").asLong()).isEqualTo(binary.length);

            HttpResponse<byte[]> download;
            try (HttpClient http = HttpClient.newHttpClient()) {
                download = http.send(HttpRequest.newBuilder(URI.create(payload.get("url").asString()))
                        .header("Authorization", "Bearer " + created.get("token").asString()).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            }
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("x-MD5")).hasValue(md5);
            assertThat(IotBackendFirmwareTests.md5(download.body())).as("the device verifies what it downloaded")
                    .isEqualTo(md5);
            assertThat(download.body()[0]).as("an ESP image").isEqualTo((byte) 0xE9);

            device.publish("ota", "{\"status\":\"success\",\"md5\":\"" + md5 + "\"}");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode detail = api.get(base, tenant.token()).body().get("data");
                assertThat(detail.get("current_firmware").get("md5").asString()).isEqualTo(md5);
                assertThat(detail.get("current_firmware").get("is_current").asBoolean()).isTrue();
                assertThat(detail.get("target_firmware").get("md5").asString()).isEqualTo(md5);
                assertThat(detail.get("last_ota_at").asString()).endsWith("+00:00");
            });
            JsonNode firmware = api.get(base + "/firmwares", tenant.token()).body().get("data").get(0);
            assertThat(firmware.get("is_current").asBoolean()).isTrue();
            assertThat(firmware.get("is_target").asBoolean()).isTrue();
        }
    }
}
